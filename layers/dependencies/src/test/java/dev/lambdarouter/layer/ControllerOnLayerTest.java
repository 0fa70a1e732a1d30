package dev.lambdarouter.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.testsupport.MotoServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The rollout controller's zip ({@code rollout-controller/target/rollout-controller.zip}) on this layer's jars alone,
 * in its own JVM, against moto_server through {@code AWS_ENDPOINT_URL_SSM} / {@code AWS_ENDPOINT_URL_CLOUDWATCH}: one
 * run reads the rollout (SSM paginator), the alarm (DescribeAlarms) and the metrics (GetMetricData, RPC v2 CBOR), and
 * publishes the next step (PutParameter). A class the slimmed jar lacks fails the run (NoClassDefFoundError).
 */
class ControllerOnLayerTest {

    private static final Path LAYER_ZIP = Path.of(System.getProperty("layer.zip", "target/dependencies-layer.zip"));
    private static final Path CONTROLLER_ZIP =
            Path.of(System.getProperty("controller.zip", "../../rollout-controller/target/rollout-controller.zip"));
    private static final String PREFIX = "/lambda-router/layer-test";
    private static final String SERVICE = "lambda-router-layer-test";

    @Test
    void oneRunAdvancesAHealthyCanaryOnTheLayerClassPath(@TempDir Path dir) throws Exception {
        assertTrue(
                Files.isRegularFile(CONTROLLER_ZIP),
                CONTROLLER_ZIP + " is missing: build with -am (rollout-controller is packaged before this module)");
        List<Path> classPath = new ArrayList<>();
        classPath.addAll(unzip(LAYER_ZIP, dir.resolve("opt")));
        Path task = dir.resolve("task");
        unzip(CONTROLLER_ZIP, task);
        classPath.add(task);
        try (Stream<Path> lib = Files.list(task.resolve("lib"))) {
            lib.forEach(classPath::add);
        }
        classPath.add(Path.of(InvokeHandler.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()));

        try (MotoServer moto = MotoServer.start();
                SsmClient ssm = moto.ssmClient();
                CloudWatchClient cloudWatch = moto.cloudWatchClient()) {
            Instant started = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
            seed(ssm, cloudWatch, started);

            ProcessBuilder java = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            String.join(
                                    File.pathSeparator,
                                    classPath.stream().map(Path::toString).toList()),
                            InvokeHandler.class.getName(),
                            "dev.lambdarouter.rollout.RolloutControllerHandler")
                    .redirectErrorStream(true);
            java.environment().put("AWS_REGION", "us-east-1");
            java.environment().put("AWS_ACCESS_KEY_ID", "test");
            java.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            java.environment().put("AWS_ENDPOINT_URL_SSM", moto.endpoint().toString());
            java.environment()
                    .put("AWS_ENDPOINT_URL_CLOUDWATCH", moto.endpoint().toString());
            java.environment().put("ROUTER_CONFIG_PREFIX", PREFIX);
            java.environment().put("ROLLOUT_METRICS_SERVICE", SERVICE);
            java.environment().put("AWS_EMF_ENVIRONMENT", "Local");
            Process process = java.start();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("result: {rollouts=1, advance=1}"), output);
            String route = ssm.getParameter(r -> r.name(PREFIX + "/routes/orders"))
                    .parameter()
                    .value();
            assertTrue(route.replace(" ", "").contains("{\"function\":\"orders-v2\",\"weight\":25}"), route);
        }
    }

    private static void seed(SsmClient ssm, CloudWatchClient cloudWatch, Instant started) {
        put(ssm, PREFIX + "/routes/orders", """
                [{"name": "orders", "priority": 100, "match": {"paths": [{"prefix": "/orders"}]},
                  "targets": [{"function": "orders-v1", "weight": 95}, {"function": "orders-v2", "weight": 5}]}]
                """);
        put(ssm, PREFIX + "/version", "1");
        put(ssm, PREFIX + "/rollouts/orders", """
                {"schema": 1, "route": "orders", "canary": "orders-v2", "baseline": {"orders-v1": 100},
                 "steps": [5, 25, 50, 100], "stepIntervalSeconds": 300, "maxErrorRatePercent": 1.0, "maxP99Ms": null,
                 "maxLatencyRatio": 1.5, "minRequests": 50, "alarms": ["checkout-errors"], "state": "running",
                 "step": 0, "stepStartedAt": "%s", "expectedWeights": {"orders-v1": 95, "orders-v2": 5},
                 "revision": 1, "reason": "started", "lastObservation": null,
                 "history": [{"at": "%s", "event": "start", "step": 0,
                              "weights": {"orders-v1": 95, "orders-v2": 5}, "reason": "started"}]}
                """.formatted(started, started));
        cloudWatch.putMetricAlarm(r -> r.alarmName("checkout-errors")
                .namespace("Checkout")
                .metricName("Errors")
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        for (String target : List.of("orders-v1", "orders-v2")) {
            double requests = target.equals("orders-v2") ? 100 : 1900;
            List<Dimension> dimensions = List.of(
                    Dimension.builder().name("Service").value(SERVICE).build(),
                    Dimension.builder().name("Route").value("orders").build(),
                    Dimension.builder().name("Target").value(target).build());
            Instant at = started.plusSeconds(30);
            cloudWatch.putMetricData(r -> r.namespace("LambdaRouter")
                    .metricData(
                            MetricDatum.builder()
                                    .metricName("Requests")
                                    .dimensions(dimensions)
                                    .timestamp(at)
                                    .value(requests)
                                    .build(),
                            MetricDatum.builder()
                                    .metricName("Status5xx")
                                    .dimensions(dimensions)
                                    .timestamp(at)
                                    .value(0.0)
                                    .build(),
                            MetricDatum.builder()
                                    .metricName("Latency")
                                    .dimensions(dimensions)
                                    .timestamp(at)
                                    .values(100.0)
                                    .counts(requests)
                                    .build()));
        }
    }

    private static void put(SsmClient ssm, String name, String value) {
        ssm.putParameter(
                r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    /** Unpacks {@code zip} into {@code into}; returns the jars it held. */
    private static List<Path> unzip(Path zip, Path into) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (entry.getName().endsWith(".jar")) {
                    jars.add(target);
                }
            }
        }
        return jars;
    }
}
