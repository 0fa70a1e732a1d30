package dev.lambdarouter.localstack.template;

/**
 * A target group of type {@code lambda}: a local ARN for {@code requestContext.elb.targetGroupArn}, the target's
 * {@code Id} (a function name or ARN, optionally {@code :qualifier}), {@code lambda.multi_value_headers.enabled}, and
 * its health check ({@code HealthCheckEnabled}, off by default for Lambda targets; path default {@code /}; interval
 * default 35 s).
 */
public record TargetGroupSpec(
        String arn,
        String target,
        boolean multiValueHeaders,
        boolean healthCheckEnabled,
        String healthCheckPath,
        int healthCheckIntervalSeconds) {}
