package dev.lambdarouter.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.localstack.lambda.FunctionTarget;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.TargetGroupSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the stack prints when it is up: endpoints, functions (memory, timeout, handler), the routes currently in
 * Parameter Store under the router's prefix, and a few commands to try.
 */
final class Banner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Banner() {}

    static String render(RunningStack stack) {
        StringBuilder out = new StringBuilder();
        StackSettings settings = stack.settings();
        out.append("Lambda Router local stack: ")
                .append(settings.template())
                .append(" (region ")
                .append(stack.template().account().region())
                .append(")\n\n");
        out.append("Endpoints\n");
        stack.alb().ifPresent(alb -> {
            TargetGroupSpec group = stack.template().targetGroup().orElseThrow();
            out.append(String.format(
                    "  ALB listener      %s  -> %s (multi-value headers %s, health check %s)%n",
                    alb.endpoint(),
                    alb.target().invokedArn(),
                    group.multiValueHeaders() ? "on" : "off",
                    group.healthCheckEnabled() ? group.healthCheckPath() : "off"));
        });
        out.append(String.format("  Lambda Invoke API %s  (AWS_ENDPOINT_URL_LAMBDA)%n", stack.lambdaEndpoint()));
        out.append(String.format(
                "  Parameter Store   %s  (AWS_ENDPOINT_URL_SSM), state in %s%n%n",
                stack.ssmEndpoint(), settings.stateFile()));
        out.append("Functions (one JVM per execution environment, at most ")
                .append(settings.maxEnvironments())
                .append(" per function)\n");
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
        String prefix = routePrefix(stack);
        if (prefix != null) {
            out.append('\n').append(routes(stack, prefix));
        }
        out.append('\n').append(environment(stack, prefix));
        stack.alb().ifPresent(alb -> out.append('\n').append(tryCommands(stack, alb.endpoint(), prefix)));
        out.append("\nCtrl-C stops the stack.\n");
        return out.toString();
    }

    /**
     * The environment for both CLIs, to paste into another shell before anything else: dummy credentials (the stack
     * ignores them, and with them in the shell a command that missed the stack cannot act on a real account), the
     * region for the AWS CLI ({@code AWS_DEFAULT_REGION}) and the SDK ({@code AWS_REGION}), the stack's endpoints
     * (the AWS CLI and {@code scripts/routes} both read {@code AWS_ENDPOINT_URL_SSM}) and the routes' prefix
     * ({@code scripts/routes --prefix} defaults to {@code ROUTER_CONFIG_PREFIX}).
     */
    private static String environment(RunningStack stack, String prefix) {
        String region = stack.template().account().region();
        return "Environment for the AWS CLI and scripts/routes (paste into another shell first)\n"
                + "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + region
                + " AWS_DEFAULT_REGION=" + region + "\n"
                + "  export AWS_ENDPOINT_URL_SSM=" + stack.ssmEndpoint() + " AWS_ENDPOINT_URL_LAMBDA="
                + stack.lambdaEndpoint() + (prefix == null ? "" : " ROUTER_CONFIG_PREFIX=" + prefix) + "\n";
    }

    /** Commands that work as printed once the environment above is exported. */
    private static String tryCommands(RunningStack stack, URI alb, String prefix) {
        Path root = stack.settings().projectRoot();
        StringBuilder out = new StringBuilder("Try\n");
        out.append("  curl -s ").append(alb).append("/orders/42 -H 'x-user-id: alice'\n");
        out.append("  aws --endpoint-url ")
                .append(stack.ssmEndpoint())
                .append(" ssm get-parameters-by-path --path ")
                .append(prefix == null ? "/" : prefix)
                .append(" --recursive\n");
        Path healthEvent = root.resolve("events").resolve("health.json");
        if (Files.isRegularFile(healthEvent)) {
            FunctionTarget target = stack.alb().orElseThrow().target();
            out.append("  aws --endpoint-url ")
                    .append(stack.lambdaEndpoint())
                    .append(" lambda invoke --function-name ")
                    .append(target.spec().functionName())
                    .append(" --payload fileb://")
                    .append(shown(healthEvent))
                    .append(" /tmp/out.json && cat /tmp/out.json\n");
        }
        Path routes = root.resolve("scripts").resolve("routes");
        if (Files.isRegularFile(routes)) {
            out.append("  ").append(shown(routes)).append(" show\n");
        }
        return out.toString();
    }

    /** A path as short as it can be printed: relative to the working directory when inside it. */
    private static String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }

    /** {@code ROUTER_CONFIG_PREFIX} of the ALB's target function, if it has one. */
    private static String routePrefix(RunningStack stack) {
        if (stack.alb().isEmpty()) {
            return null;
        }
        FunctionTarget target = stack.alb().get().target();
        Map<String, String> overrides = stack.settings()
                .environmentOverrides()
                .getOrDefault(target.spec().logicalId(), Map.of());
        return overrides.getOrDefault(
                "ROUTER_CONFIG_PREFIX", target.spec().environment().get("ROUTER_CONFIG_PREFIX"));
    }

    private static String routes(RunningStack stack, String prefix) {
        Map<String, String> parameters = stack.parameterStore().parametersByPath(prefix);
        StringBuilder out = new StringBuilder("Routes in Parameter Store under ")
                .append(prefix)
                .append(" (version ")
                .append(parameters.getOrDefault(prefix + "/version", "none"))
                .append(")\n");
        List<String> lines = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith(prefix + "/routes/")) {
                lines.addAll(describe(name, value));
            }
        });
        if (lines.isEmpty()) {
            out.append("  (none)\n");
        }
        lines.forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    private static List<String> describe(String parameter, String value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            return List.of(parameter + ": not JSON");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode route : node.isArray() ? node : List.of(node)) {
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-22s priority %-5s %-5s",
                    route.path("name").asText("?"),
                    route.path("priority").asText("?"),
                    route.path("fixedResponse").isObject()
                            ? "fixed"
                            : route.path("mode").asText("sync")));
            JsonNode match = route.path("match");
            List<String> criteria = new ArrayList<>();
            match.path("methods").forEach(m -> criteria.add(m.asText()));
            match.path("paths")
                    .forEach(p -> p.properties()
                            .forEach(e -> criteria.add(
                                    e.getKey().equals("prefix")
                                            ? e.getValue().asText() + "*"
                                            : e.getValue().asText())));
            match.path("hosts").forEach(h -> criteria.add("host " + h.asText()));
            match.path("headers")
                    .forEach(h -> criteria.add(h.path("name").asText()
                            + (h.has("exact")
                                    ? "=" + h.get("exact").asText()
                                    : h.has("regex") ? "~" + h.get("regex").asText() : "")));
            match.path("query").forEach(q -> criteria.add("?" + q.path("name").asText()));
            line.append(' ')
                    .append(criteria.isEmpty() ? "(everything)" : String.join(" ", criteria))
                    .append("  ->");
            route.path("targets")
                    .forEach(t -> line.append(' ')
                            .append(t.path("function").asText())
                            .append(' ')
                            .append(t.path("weight").asText()));
            if (route.path("stickiness").isObject()) {
                line.append("  (sticky by ")
                        .append(route.path("stickiness").path("type").asText())
                        .append(
                                route.path("stickiness").has("name")
                                        ? " "
                                                + route.path("stickiness")
                                                        .path("name")
                                                        .asText()
                                        : "")
                        .append(')');
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
