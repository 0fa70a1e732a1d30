package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A stack from a test template ({@code scheduled-stack.yaml}: a function with Schedule events, two alarms): the
 * schedules invoke the function on {@code --schedule-every}, what it prints in embedded metric format is what the
 * stack's CloudWatch answers with, and the template's alarms are there.
 */
class ScheduledStackTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @TempDir
    Path root;

    private final Queue<String> console = new ConcurrentLinkedQueue<>();

    private RunningStack start(boolean schedules, Duration every) throws Exception {
        ProjectZips.requireBuilt();
        Files.copy(Path.of(getClass().getResource("/scheduled-stack.yaml").toURI()), root.resolve("template.yaml"));
        TestArchives.testFunctionZip(root);
        Files.copy(ProjectZips.load().functions().get(0).layers().get(0), root.resolve("layer.zip"));
        return RunningStack.start(
                new StackSettings(
                        root.resolve("template.yaml"),
                        null,
                        null,
                        0,
                        0,
                        0,
                        0,
                        "us-east-1",
                        1,
                        Duration.ofSeconds(60),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        List.of(),
                        schedules,
                        every),
                console::add);
    }

    private static CloudWatchClient cloudWatch(RunningStack stack) {
        return CloudWatchClient.builder()
                .endpointOverride(stack.cloudWatchEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + EVENTUALLY + ": " + what + "; console:\n" + String.join("\n", console));
            }
            Thread.sleep(100);
        }
    }

    private boolean printed(String prefix) {
        return console.stream().anyMatch(line -> line.startsWith(prefix));
    }

    @Test
    void scheduleEveryFiresEachScheduleAndTheFunctionsMetricsAreQueryable() throws Exception {
        Instant started = Instant.now();
        try (RunningStack stack = start(true, Duration.ofSeconds(1));
                CloudWatchClient cloudWatch = cloudWatch(stack)) {
            String banner = Banner.render(stack);
            assertTrue(banner.contains("CloudWatch        " + stack.cloudWatchEndpoint()), banner);
            assertTrue(banner.contains("AWS_ENDPOINT_URL_CLOUDWATCH=" + stack.cloudWatchEndpoint()), banner);
            assertTrue(banner.contains("TickerFunction.Tick rate(1 hour): every 1s"), banner);
            assertTrue(banner.contains("TickerFunction.Nightly cron(0 3 * * ? *): every 1s"), banner);
            assertTrue(!banner.contains("Paused"), "a disabled schedule does not fire: " + banner);

            await(
                    "both schedules invoke the function",
                    () -> printed("[schedule] TickerFunction.Tick -> ticker-test")
                            && printed("[schedule] TickerFunction.Nightly -> ticker-test"));
            String rule = "arn:aws:events:us-east-1:123456789012:rule/TickerFunctionTick";
            await("the function prints its metric record", () -> printed("[ticker-test/env-1] {\"_aws\""));
            assertTrue(
                    console.stream()
                            .anyMatch(line -> line.contains("\"cloudwatchEndpoint\":\"" + stack.cloudWatchEndpoint())),
                    "functions get AWS_ENDPOINT_URL_CLOUDWATCH");
            await(
                    "GetMetricData sees the record",
                    () -> !cloudWatch
                            .getMetricData(b -> b.startTime(started.minusSeconds(60))
                                    .endTime(Instant.now().plusSeconds(60))
                                    .metricDataQueries(q -> q.id("ticks")
                                            .metricStat(s -> s.stat("Sum")
                                                    .period(3600)
                                                    .metric(m -> m.namespace("LocalStackTest")
                                                            .metricName("Scheduled")
                                                            .dimensions(d -> d.name("Rule")
                                                                    .value(rule))))))
                            .metricDataResults()
                            .get(0)
                            .values()
                            .isEmpty());

            List<MetricAlarm> alarms = cloudWatch.describeAlarms().metricAlarms();
            assertEquals(
                    List.of("ticker-test-errors", "UnnamedAlarm"),
                    alarms.stream().map(MetricAlarm::alarmName).toList());
            assertEquals(3.0, alarms.get(0).threshold());
            assertEquals("ticker-test", alarms.get(0).dimensions().get(0).value());
            assertEquals(StateValue.INSUFFICIENT_DATA, alarms.get(0).stateValue());
        }
    }

    @Test
    void withoutScheduleEveryACronScheduleIsSkippedWithAWarning() throws Exception {
        try (RunningStack stack = start(true, null)) {
            assertTrue(
                    console.contains("[schedule] warning: TickerFunction.Nightly cron(0 3 * * ? *) is not emulated "
                            + "(only rate(N minutes|hours|days)): it never fires locally, unless --schedule-every "
                            + "gives it a rate"),
                    String.join("\n", console));
            assertTrue(Banner.render(stack).contains("TickerFunction.Tick rate(1 hour): every 1h"));
        }
    }

    @Test
    void noSchedulesTurnsThemOff() throws Exception {
        try (RunningStack stack = start(false, Duration.ofSeconds(1))) {
            assertEquals(List.of(), stack.schedules().describe());
            assertTrue(Banner.render(stack).contains("Schedules: off (--no-schedules)"));
        }
    }
}
