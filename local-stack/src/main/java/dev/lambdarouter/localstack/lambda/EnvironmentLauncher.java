package dev.lambdarouter.localstack.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lambdarouter.localstack.bootstrap.RuntimeBootstrap;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.FunctionSpec;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts execution environments: the {@code java} command line for a function's JVM. The JVM's own class path
 * holds only the runtime bootstrap and {@code aws-lambda-java-serialization} (as the managed runtime's does); the
 * function's code and layers are loaded by the bootstrap in a class loader of their own.
 *
 * <p>JVM options approximate the managed runtime: serial GC, a heap of 85% of the function's memory size,
 * class-data sharing, exit on {@code OutOfMemoryError}. The function's {@code JAVA_TOOL_OPTIONS}, if the template
 * sets it, is applied by the JVM itself.
 */
final class EnvironmentLauncher {

    private final String java;
    private final String bootstrapClassPath;
    private final Duration minInitLimit;
    private final ConsoleLog console;

    /**
     * @param minInitLimit the least time JVM start plus handler initialisation may take; a function's
     *                     {@code Timeout}, when longer, applies instead
     */
    EnvironmentLauncher(Duration minInitLimit, ConsoleLog console) {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.bootstrapClassPath = bootstrapClassPath();
        this.minInitLimit = minInitLimit;
        this.console = console;
    }

    ExecutionEnvironment start(FunctionSpec function, int number, Map<String, String> env, List<Path> classPath)
            throws EnvironmentStartException, IOException {
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:-UsePerfData",
                "-XX:MaxHeapSize=" + Math.max(64, function.memoryMb() * 85 / 100) + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dfile.encoding=UTF-8",
                "-Djava.net.preferIPv4Stack=true",
                "-cp",
                bootstrapClassPath,
                RuntimeBootstrap.class.getName(),
                function.handler(),
                String.join(
                        File.pathSeparator,
                        classPath.stream().map(Path::toString).toList())));
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        Duration initLimit = timeout.compareTo(minInitLimit) > 0 ? timeout : minInitLimit;
        return ExecutionEnvironment.start(function.functionName() + "/env-" + number, command, env, initLimit, console);
    }

    private static String bootstrapClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(codeSource(RuntimeBootstrap.class));
        entries.add(codeSource(LambdaEventSerializers.class));
        return String.join(File.pathSeparator, entries);
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the jar or directory of " + type.getName(), e);
        }
    }
}
