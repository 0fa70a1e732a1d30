package dev.lambdarouter.benchmarks.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Cold-start harness for the router: starts fresh JVMs on exactly the class path Lambda builds from
 * {@code router-function.zip} and {@code dependencies-layer.zip}, with the template's JVM options, and reports the
 * init time and the first requests, without and with SnapStart-style priming. A loopback stub answers the SSM and
 * Lambda calls (the first request loads the routing table and invokes a worker).
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes dev.lambdarouter.benchmarks.coldstart.ColdStartHarness
 * [runs] [project root]}
 */
public final class ColdStartHarness {

    private static final String PREFIX = "/lambda-router/coldstart";
    private static final String ROUTE = "{\"name\":\"orders\",\"priority\":100,\"match\":{\"paths\":[{\"prefix\":"
            + "\"/orders\"}]},\"targets\":[{\"function\":\"orders-v1\",\"weight\":90},{\"function\":\"orders-v2\","
            + "\"weight\":10}],\"stickiness\":{\"type\":\"header\",\"name\":\"x-user-id\"}}";
    private static final Pattern LINE = Pattern.compile("(\\w+)=(\\d+)");

    private ColdStartHarness() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("cold-start");
        Path function = unzip(root.resolve("router-function/target/router-function.zip"), work.resolve("task"));
        Path layer = unzip(root.resolve("layers/dependencies/target/dependencies-layer.zip"), work.resolve("opt"));
        List<String> classPath = new ArrayList<>();
        classPath.add(function.toString());
        classPath.addAll(jars(function.resolve("lib")));
        classPath.addAll(jars(layer.resolve("java/lib")));
        classPath.add(root.resolve("benchmarks/target/classes").toString());

        HttpServer stub = stub();
        try {
            String endpoint = "http://127.0.0.1:" + stub.getAddress().getPort();
            for (String mode : List.of("plain", "primed")) {
                List<Map<String, Long>> results = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    results.add(probe(classPath, endpoint, mode));
                }
                report(mode, results);
            }
        } finally {
            stub.stop(0);
        }
    }

    private static Map<String, Long> probe(List<String> classPath, String endpoint, String mode)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                String.join(File.pathSeparator, classPath),
                ColdStartProbe.class.getName(),
                mode);
        Map<String, String> env = pb.environment();
        env.put("ROUTER_CONFIG_PREFIX", PREFIX);
        env.put("AWS_ENDPOINT_URL_SSM", endpoint);
        env.put("AWS_ENDPOINT_URL_LAMBDA", endpoint);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "cold");
        env.put("AWS_SECRET_ACCESS_KEY", "start");
        env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        env.put("POWERTOOLS_SERVICE_NAME", "lambda-router-dev");
        env.put("ROUTER_LOG_LEVEL", "WARN");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("probe failed: " + out);
        }
        String line = Arrays.stream(out.split("\n"))
                .filter(l -> l.startsWith("jvm_to_main_ms="))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no timing line in: " + out));
        Map<String, Long> values = new LinkedHashMap<>();
        Matcher m = LINE.matcher(line);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return values;
    }

    private static void report(String mode, List<Map<String, Long>> results) {
        System.out.printf("%s (%d runs): median [p90] ms%n", mode, results.size());
        for (String key : results.get(0).keySet()) {
            long[] sorted = results.stream().mapToLong(r -> r.get(key)).sorted().toArray();
            System.out.printf(
                    "  %-20s %6d [%d]%n",
                    key,
                    sorted[sorted.length / 2],
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.9) - 1)]);
        }
    }

    /** Answers SSM GetParameter / GetParametersByPath and Lambda Invoke, as the real services' JSON. */
    private static HttpServer stub() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ColdStartHarness::answer);
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body;
        if ("AmazonSSM.GetParameter".equals(target)) {
            body = "{\"Parameter\":{\"Name\":\"" + PREFIX + "/version\",\"Type\":\"String\",\"Value\":\"1\","
                    + "\"Version\":1,\"DataType\":\"text\"}}";
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        } else if ("AmazonSSM.GetParametersByPath".equals(target)) {
            body = "{\"Parameters\":[{\"Name\":\"" + PREFIX + "/routes/orders\",\"Type\":\"String\",\"Value\":"
                    + quote(ROUTE) + ",\"Version\":1,\"DataType\":\"text\"}]}";
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        } else {
            body = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\"}";
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
