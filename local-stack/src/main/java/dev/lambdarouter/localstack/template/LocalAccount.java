package dev.lambdarouter.localstack.template;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The account and region the local stack pretends to be in: pseudo parameters ({@code AWS::Region},
 * {@code AWS::AccountId}, ...) and the ARNs of local resources come from here.
 *
 * @param region    e.g. {@code us-east-1}
 * @param accountId twelve digits; the local stack uses {@value #DEFAULT_ACCOUNT_ID}
 * @param stackName the value of {@code AWS::StackName}
 */
public record LocalAccount(String region, String accountId, String stackName) {

    public static final String DEFAULT_ACCOUNT_ID = "123456789012";

    public LocalAccount {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(stackName, "stackName");
    }

    /** The unqualified ARN of a function. */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
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
