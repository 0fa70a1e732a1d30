package dev.lambdarouter.localstack.template;

/**
 * A target group of type {@code lambda}: which function (and qualifier) the load balancer invokes, in which header
 * mode, and how it health-checks it.
 *
 * @param arn                        a local ARN for {@code requestContext.elb.targetGroupArn}
 * @param target                     the target's {@code Id}: a function name or ARN, optionally {@code :qualifier}
 * @param multiValueHeaders          {@code lambda.multi_value_headers.enabled}
 * @param healthCheckEnabled         {@code HealthCheckEnabled} (off by default for Lambda targets)
 * @param healthCheckPath            {@code HealthCheckPath}, default {@code /}
 * @param healthCheckIntervalSeconds {@code HealthCheckIntervalSeconds}, default 35
 */
public record TargetGroupSpec(
        String arn,
        String target,
        boolean multiValueHeaders,
        boolean healthCheckEnabled,
        String healthCheckPath,
        int healthCheckIntervalSeconds) {}
