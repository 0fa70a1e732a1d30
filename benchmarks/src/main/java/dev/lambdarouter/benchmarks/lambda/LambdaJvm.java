package dev.lambdarouter.benchmarks.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Starts fresh JVMs as Lambda would for the router: on the class path Lambda builds from {@code router-function.zip}
 * (task root and its {@code lib/}) and {@code dependencies-layer.zip} ({@code /opt/java/lib}), plus the benchmark
 * classes, with the router's environment from {@code template.yaml} pointed at a {@link LoopbackAws}. A probe run
 * in such a JVM prints one line of {@code key=value} figures; {@link #run} returns them.
 */
public final class LambdaJvm {

    /** The template's JAVA_TOOL_OPTIONS for the router (template.yaml). */
    public static final List<String> TEMPLATE_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /** Jars whose SDK interceptors (META-INF service files) attach to every SDK client on the class path. */
    private static final Pattern SDK_INSTRUMENTATION = Pattern.compile(
            "aws-xray-recorder-sdk-aws-sdk-v2.*\\.jar|opentelemetry-aws-sdk-2\\.2-autoconfigure.*\\.jar");

    private static final Pattern FIGURE = Pattern.compile("(\\w+)=(\\d+)");

    private final List<String> classPath;
    private final String endpoint;
    private final Map<String, String> lambdaEnvironment;

    private LambdaJvm(List<String> classPath, String endpoint, Map<String, String> lambdaEnvironment) {
        this.classPath = classPath;
        this.endpoint = endpoint;
        this.lambdaEnvironment = lambdaEnvironment;
    }

    /**
     * Unpacks the router zip and the layer zip of the built project at {@code root} into a temporary directory.
     *
     * @param endpoint the {@link LoopbackAws} the router's SDK clients call
     */
    public static LambdaJvm unpack(Path root, String endpoint) throws IOException {
        Path work = Files.createTempDirectory("lambda-jvm");
        Path function = unzip(root.resolve("router-function/target/router-function.zip"), work.resolve("task"));
        Path layer = unzip(root.resolve("layers/dependencies/target/dependencies-layer.zip"), work.resolve("opt"));
        List<String> classPath = new ArrayList<>();
        classPath.add(function.toString());
        classPath.addAll(jars(function.resolve("lib")));
        classPath.addAll(jars(layer.resolve("java/lib")));
        classPath.add(root.resolve("benchmarks/target/classes").toString());
        return new LambdaJvm(classPath, endpoint, Map.of());
    }

    /**
     * The same JVMs with {@code AWS_LAMBDA_INITIALIZATION_TYPE} set as Lambda sets it: {@code on-demand} for an
     * environment initialised for the request that waits for it, {@code snap-start} for the init before a
     * SnapStart snapshot.
     */
    public LambdaJvm initializedAs(String initializationType) {
        Map<String, String> environment = new LinkedHashMap<>(lambdaEnvironment);
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        return new LambdaJvm(classPath, endpoint, environment);
    }

    /**
     * The same JVMs without the jars that register global AWS SDK interceptors (the tracing instrumentation of
     * every SDK client): the class path of a bare handler deployed with the SDK alone.
     */
    public LambdaJvm withoutSdkInstrumentation() {
        List<String> bare = classPath.stream()
                .filter(entry -> !SDK_INSTRUMENTATION
                        .matcher(Path.of(entry).getFileName().toString())
                        .matches())
                .collect(Collectors.toList());
        return new LambdaJvm(bare, endpoint, lambdaEnvironment);
    }

    /**
     * Runs {@code mainClass} with {@code args} in a fresh JVM with {@code jvmFlags} and returns the figures of the
     * line of its standard output that starts with {@code marker} (the router's JSON log lines go there too, as in
     * Lambda, and are skipped).
     */
    public Map<String, Long> run(List<String> jvmFlags, String mainClass, String marker, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(routerEnvironment());
        pb.environment().putAll(sdkEnvironment(endpoint));
        pb.environment().putAll(lambdaEnvironment);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mainClass + " failed: " + tail(out));
        }
        String line = Arrays.stream(out.split("\n"))
                .filter(l -> l.startsWith(marker))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no '" + marker + "' line in: " + tail(out)));
        Map<String, Long> figures = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(line);
        while (m.find()) {
            figures.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return figures;
    }

    /**
     * The router function's environment as template.yaml sets it (defaults of its parameters, stage {@code bench}),
     * without JAVA_TOOL_OPTIONS (the harnesses pass JVM flags explicitly, to compare with and without them).
     */
    public static Map<String, String> routerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROUTER_CONFIG_PREFIX", LoopbackAws.PREFIX);
        env.put("ROUTER_CONFIG_TTL_SECONDS", "30");
        env.put("ROUTER_HEALTH_PATH", "/_router/health");
        env.put("ROUTER_ALB_IDLE_TIMEOUT_SECONDS", "60");
        env.put("ROUTER_METRICS_DIMENSIONS", "route,target");
        env.put("ROUTER_ALLOWED_FUNCTIONS", BenchmarkEvents.WORKERS);
        // A bound, not a delay: on a loaded machine a cold JVM's first load can outlast the default 2 s.
        env.put("ROUTER_CONFIG_LOAD_WAIT_MILLIS", "30000");
        env.put("POWERTOOLS_SERVICE_NAME", "lambda-router-bench");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "LambdaRouter");
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        return env;
    }

    /** The SDK's region, credentials and endpoints pointed at the stub at {@code endpoint}, as variables. */
    static Map<String, String> sdkEnvironment(String endpoint) {
        return Map.of(
                "AWS_ENDPOINT_URL_SSM", endpoint,
                "AWS_ENDPOINT_URL_LAMBDA", endpoint,
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "bench",
                "AWS_SECRET_ACCESS_KEY", "bench");
    }

    /** The same as system properties, for a JVM whose environment cannot be set (a JMH fork). */
    public static void useSdkProperties(String endpoint) {
        System.setProperty("aws.endpointUrlSsm", endpoint);
        System.setProperty("aws.endpointUrlLambda", endpoint);
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
    }

    private static String tail(String out) {
        return out.length() > 2_000 ? "..." + out.substring(out.length() - 2_000) : out;
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        if (!Files.exists(zip)) {
            throw new IllegalStateException(zip + " is missing: run mvn -B package -DskipTests first");
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return into;
    }

    private static List<String> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
    }
}
