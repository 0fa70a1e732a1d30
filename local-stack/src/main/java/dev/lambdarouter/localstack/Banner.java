package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.alb.LocalAlb;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.TargetGroupSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the stack prints when it is up: endpoints, functions, the environment for the AWS CLI and {@code scripts/routes} (dummy credentials, both region variables, the
 * endpoints, the prefix), then commands that work as printed once that environment is exported.
 */
final class Banner {

    private Banner() {}

    static String render(RunningStack stack) {
        StackSettings settings = stack.settings();
        String region = stack.template().account().region();
        StringBuilder out = new StringBuilder(
                String.format("Lambda Router local stack: %s (region %s)%n%nEndpoints%n", settings.template(), region));
        stack.alb().ifPresent(alb -> {
            TargetGroupSpec group = stack.template().targetGroup().orElseThrow();
            out.append(String.format(
                    "  ALB listener      %s  -> %s (multi-value headers %s, health check %s)%n",
                    alb.endpoint(),
                    alb.target().invokedArn(),
                    group.multiValueHeaders() ? "on" : "off",
                    group.healthCheckEnabled() ? group.healthCheckPath() : "off"));
        });
        out.append(String.format(
                "  Lambda Invoke API %s  (AWS_ENDPOINT_URL_LAMBDA)%n  Parameter Store   %s  (AWS_ENDPOINT_URL_SSM), state "
                        + "in %s%n  CloudWatch        %s  (AWS_ENDPOINT_URL_CLOUDWATCH), metrics from the functions' "
                        + "EMF lines, %d alarms of the template%n%nFunctions (one JVM per execution environment, at most "
                        + "%d per function)%n",
                stack.lambdaEndpoint(),
                stack.ssmEndpoint(),
                settings.stateFile(),
                stack.cloudWatchEndpoint(),
                stack.template().alarms().size(),
                settings.maxEnvironments()));
        for (FunctionSpec f : stack.functions().functions()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %-22s %-34s %5d MB %4d s%s  %s%n",
                    f.logicalId(),
                    f.functionName(),
                    f.memoryMb(),
                    f.timeoutSeconds(),
                    f.reservedConcurrency() == null ? "" : "  reserved " + f.reservedConcurrency(),
                    f.handler()));
        }
        if (!stack.template().schedules().isEmpty()) {
            out.append("\nSchedules").append(settings.schedules() ? "\n" : ": off (--no-schedules)\n");
            stack.schedules()
                    .describe()
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        }
        String prefix = stack.alb().map(alb -> routePrefix(stack, alb)).orElse(null);
        out.append("\nEnvironment for the AWS CLI and scripts/routes (paste into another shell first)\n")
                .append("  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + region
                        + " AWS_DEFAULT_REGION=" + region + "\n")
                .append("  export AWS_ENDPOINT_URL_SSM=" + stack.ssmEndpoint() + " AWS_ENDPOINT_URL_LAMBDA="
                        + stack.lambdaEndpoint() + " AWS_ENDPOINT_URL_CLOUDWATCH=" + stack.cloudWatchEndpoint()
                        + (prefix == null ? "" : " ROUTER_CONFIG_PREFIX=" + prefix) + "\n");
        stack.alb().ifPresent(alb -> out.append('\n').append(tryCommands(stack, alb, prefix)));
        return out.append("\nCtrl-C stops the stack.\n").toString();
    }

    private static String tryCommands(RunningStack stack, LocalAlb alb, String prefix) {
        Path root = stack.settings().projectRoot();
        StringBuilder out = new StringBuilder("Try\n")
                .append("  curl -s " + alb.endpoint() + "/orders/42 -H 'x-user-id: alice'\n")
                .append("  aws --endpoint-url " + stack.ssmEndpoint() + " ssm get-parameters-by-path --path "
                        + (prefix == null ? "/" : prefix) + " --recursive\n")
                .append("  aws --endpoint-url " + stack.cloudWatchEndpoint() + " cloudwatch describe-alarms --query "
                        + "'MetricAlarms[].[AlarmName,StateValue]' --output text\n");
        Path healthEvent = root.resolve("events").resolve("health.json");
        if (Files.isRegularFile(healthEvent)) {
            out.append("  aws --endpoint-url " + stack.lambdaEndpoint() + " lambda invoke --function-name "
                    + alb.target().spec().functionName() + " --payload fileb://" + shown(healthEvent)
                    + " /tmp/out.json && cat /tmp/out.json\n");
        }
        Path routes = root.resolve("scripts").resolve("routes");
        if (Files.isRegularFile(routes)) {
            out.append("  ").append(shown(routes)).append(" show\n");
        }
        return out.toString();
    }

    /** A path relative to the working directory when inside it. */
    private static String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return (absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute).toString();
    }

    /** {@code ROUTER_CONFIG_PREFIX} of the ALB's target function, if it has one. */
    private static String routePrefix(RunningStack stack, LocalAlb alb) {
        FunctionSpec target = alb.target().spec();
        return stack.settings()
                .environmentOverrides()
                .getOrDefault(target.logicalId(), Map.of())
                .getOrDefault("ROUTER_CONFIG_PREFIX", target.environment().get("ROUTER_CONFIG_PREFIX"));
    }
}
