package dev.lambdarouter.localstack.template;

import java.util.HexFormat;

/**
 * The account and region the local stack pretends to be in ({@value #DEFAULT_ACCOUNT_ID}): pseudo parameters
 * ({@code AWS::Region}, {@code AWS::AccountId}, ...) and the ARNs of local resources come from here.
 */
public record LocalAccount(String region, String accountId, String stackName) {

    public static final String DEFAULT_ACCOUNT_ID = "123456789012";

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    /** A target group ARN with a stable id derived from its name. */
    public String targetGroupArn(String name) {
        long hash = Integer.toUnsignedLong(name.hashCode()) * 0x9E3779B97F4A7C15L;
        return "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":targetgroup/" + name + "/"
                + HexFormat.of().toHexDigits(hash);
    }

    String layerArn(String logicalId) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":layer:" + logicalId + ":1";
    }

    String genericArn(String logicalId) {
        return "arn:aws:local:" + region + ":" + accountId + ":" + logicalId;
    }

    String pseudoParameter(String name) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> stackName;
            default -> null;
        };
    }
}
