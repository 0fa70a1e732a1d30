package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.template.FunctionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run a local stack (the command line's options; tests build one directly). Port 0 picks a free port; a
 * {@code null} {@code projectRoot} (what relative {@code CodeUri}/{@code ContentUri} resolve against) is the
 * template's directory, a {@code null} {@code stateFile} is {@code <project root>/.local-stack/parameters.json};
 * {@code initTimeout} is the least time an environment may take from JVM start until its handler is ready;
 * {@code environmentOverrides} (variables that win over all others) and {@code reservedConcurrency} are keyed by
 * function logical ID or name; {@code extraFunctions} run beside the template's (for embedding the stack in tests);
 * {@code schedules} turns the template's {@code Schedule} events on, {@code scheduleEvery} (or {@code null}) replaces
 * their rates.
 */
public record StackSettings(
        Path template,
        Path projectRoot,
        Path stateFile,
        int albPort,
        int lambdaPort,
        int ssmPort,
        int cloudWatchPort,
        String region,
        int maxEnvironments,
        Duration initTimeout,
        Map<String, String> templateParameters,
        Map<String, Map<String, String>> environmentOverrides,
        Map<String, Integer> reservedConcurrency,
        List<FunctionSpec> extraFunctions,
        boolean schedules,
        Duration scheduleEvery) {

    public StackSettings {
        template = template.toAbsolutePath().normalize();
        projectRoot = projectRoot != null ? projectRoot.toAbsolutePath().normalize() : template.getParent();
        stateFile = stateFile != null
                ? stateFile
                : projectRoot.resolve(".local-stack").resolve("parameters.json");
        if (maxEnvironments < 1) {
            throw new IllegalArgumentException("max environments must be >= 1, got " + maxEnvironments);
        }
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("the init timeout must be positive, got " + initTimeout);
        }
        if (scheduleEvery != null && (scheduleEvery.isNegative() || scheduleEvery.isZero())) {
            throw new IllegalArgumentException("--schedule-every must be positive, got " + scheduleEvery);
        }
        if (reservedConcurrency.values().stream().anyMatch(r -> r < 0)) {
            throw new IllegalArgumentException("reserved concurrency must be >= 0, got " + reservedConcurrency);
        }
        templateParameters = Map.copyOf(templateParameters);
        environmentOverrides = Map.copyOf(environmentOverrides);
        reservedConcurrency = Map.copyOf(reservedConcurrency);
        extraFunctions = List.copyOf(extraFunctions);
    }
}
