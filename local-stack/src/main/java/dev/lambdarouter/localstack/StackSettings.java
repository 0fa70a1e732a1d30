package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.template.FunctionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run a local stack (the command line's options; tests build one directly).
 *
 * @param template             the SAM template
 * @param projectRoot          what relative {@code CodeUri}/{@code ContentUri} paths resolve against ({@code null}:
 *                             the template's directory)
 * @param stateFile            Parameter Store's state ({@code null}: {@code <project root>/.local-stack/parameters.json})
 * @param albPort              the ALB listener's port (0: any free port; likewise the two below)
 * @param lambdaPort           the Lambda Invoke API's port
 * @param ssmPort              Parameter Store's port
 * @param region               the functions' {@code AWS_REGION}
 * @param maxEnvironments      the most execution environments (JVMs) per function
 * @param initTimeout          how long an environment may take from JVM start until its handler is ready, at least
 *                             (a function's longer {@code Timeout} applies instead)
 * @param templateParameters   template parameter values
 * @param environmentOverrides function (logical ID or name) to variables that win over the template's and the stack's
 * @param reservedConcurrency  function (logical ID or name) to reserved concurrency, replacing the template's
 * @param extraFunctions       functions run in addition to the template's (for embedding the stack in tests)
 */
public record StackSettings(
        Path template,
        Path projectRoot,
        Path stateFile,
        int albPort,
        int lambdaPort,
        int ssmPort,
        String region,
        int maxEnvironments,
        Duration initTimeout,
        Map<String, String> templateParameters,
        Map<String, Map<String, String>> environmentOverrides,
        Map<String, Integer> reservedConcurrency,
        List<FunctionSpec> extraFunctions) {

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
        if (reservedConcurrency.values().stream().anyMatch(r -> r < 0)) {
            throw new IllegalArgumentException("reserved concurrency must be >= 0, got " + reservedConcurrency);
        }
        templateParameters = Map.copyOf(templateParameters);
        environmentOverrides = Map.copyOf(environmentOverrides);
        reservedConcurrency = Map.copyOf(reservedConcurrency);
        extraFunctions = List.copyOf(extraFunctions);
    }
}
