package dev.lambdarouter.localstack.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * {@code PutMetricData} and {@code GetMetricData} through the real SDK v2 CloudWatch client (RPC v2 CBOR): every
 * statistic, period buckets, exact dimension matching, scan order, and the errors for what is not emulated.
 */
class MetricApiTest {

    @RegisterExtension
    final RunningCloudWatch cloudWatch = new RunningCloudWatch();

    /** A whole minute ten minutes ago: the first bucket of the queries. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);

    private static final List<Dimension> CANARY = List.of(
            Dimension.builder().name("Route").value("orders").build(),
            Dimension.builder().name("Target").value("orders-v2").build());

    /**
     * Minute 1: values 1, 2, 3 once and 4 five times (Values + Counts), then 10 (Value); minute 2: a statistic set
     * (2 samples, sum 30, 10..20), which carries no values for percentiles; the same metric with other dimensions.
     */
    private void putLatencies() {
        cloudWatch
                .client()
                .putMetricData(b -> b.namespace("LambdaRouter")
                        .metricData(
                                d -> d.metricName("Latency")
                                        .dimensions(CANARY)
                                        .timestamp(t0.plusSeconds(10))
                                        .values(1.0, 2.0, 3.0, 4.0)
                                        .counts(1.0, 1.0, 1.0, 5.0)
                                        .unit(StandardUnit.MILLISECONDS),
                                d -> d.metricName("Latency")
                                        .dimensions(CANARY)
                                        .timestamp(t0.plusMillis(59_999))
                                        .value(10.0),
                                d -> d.metricName("Latency")
                                        .dimensions(CANARY)
                                        .timestamp(t0.plusSeconds(70))
                                        .statisticValues(s -> s.sampleCount(2.0)
                                                .sum(30.0)
                                                .minimum(10.0)
                                                .maximum(20.0)),
                                d -> d.metricName("Latency")
                                        .dimensions(CANARY.get(0))
                                        .timestamp(t0.plusSeconds(10))
                                        .value(1000.0)));
    }

    private GetMetricDataResponse get(int period, ScanBy scanBy, String... stats) {
        return cloudWatch.client().getMetricData(b -> {
            b.startTime(t0.plusSeconds(5)).endTime(t0.plusSeconds(600)).scanBy(scanBy);
            b.metricDataQueries(java.util.Arrays.stream(stats)
                    .map(stat -> MetricDataQuery.builder()
                            .id("q" + stat.replace(".", "_").toLowerCase(java.util.Locale.ROOT))
                            .metricStat(s -> s.stat(stat)
                                    .period(period)
                                    .metric(m -> m.namespace("LambdaRouter")
                                            .metricName("Latency")
                                            .dimensions(CANARY)))
                            .build())
                    .toList());
        });
    }

    /** Bucket start to value, as answered. */
    private static Map<Instant, Double> points(MetricDataResult result) {
        Map<Instant, Double> points = new TreeMap<>();
        for (int i = 0; i < result.timestamps().size(); i++) {
            points.put(result.timestamps().get(i), result.values().get(i));
        }
        return points;
    }

    @Test
    void everyStatisticPerMinuteBucket() {
        putLatencies();
        List<MetricDataResult> results = get(
                        60,
                        ScanBy.TIMESTAMP_ASCENDING,
                        "Sum",
                        "SampleCount",
                        "Average",
                        "Minimum",
                        "Maximum",
                        "p50",
                        "p99.9")
                .metricDataResults();
        Instant t1 = t0.plusSeconds(60);
        assertEquals(Map.of(t0, 36.0, t1, 30.0), points(results.get(0)), "Sum");
        assertEquals(Map.of(t0, 9.0, t1, 2.0), points(results.get(1)), "SampleCount");
        assertEquals(Map.of(t0, 4.0, t1, 15.0), points(results.get(2)), "Average");
        assertEquals(Map.of(t0, 1.0, t1, 10.0), points(results.get(3)), "Minimum");
        assertEquals(Map.of(t0, 10.0, t1, 20.0), points(results.get(4)), "Maximum");
        // Nearest rank over the weighted values 1, 2, 3, 4x5, 10: the 5th is 4, the 9th is 10.
        assertEquals(Map.of(t0, 4.0), points(results.get(5)), "p50");
        assertEquals(Map.of(t0, 10.0), points(results.get(6)), "p99.9");
        assertEquals("qsum", results.get(0).id());
        assertEquals("Latency", results.get(0).label());
        assertEquals("Complete", results.get(0).statusCodeAsString());
        assertEquals(List.of(t0, t1), results.get(0).timestamps(), "ascending when asked");
    }

    @Test
    void aLongerPeriodIsOneBucketAndTheDefaultOrderIsNewestFirst() {
        putLatencies();
        assertEquals(
                Map.of(t0, 66.0),
                points(get(300, ScanBy.TIMESTAMP_DESCENDING, "Sum")
                        .metricDataResults()
                        .get(0)));
        MetricDataResult perMinute = cloudWatch
                .client()
                .getMetricData(b -> b.startTime(t0)
                        .endTime(t0.plusSeconds(600))
                        .metricDataQueries(q -> q.id("sum")
                                .metricStat(s -> s.stat("Sum")
                                        .period(60)
                                        .metric(m -> m.namespace("LambdaRouter")
                                                .metricName("Latency")
                                                .dimensions(CANARY)))))
                .metricDataResults()
                .get(0);
        assertEquals(List.of(t0.plusSeconds(60), t0), perMinute.timestamps());
    }

    @Test
    void aQuerySeesOnlyTheExactDimensionsAndTheWindow() {
        putLatencies();
        MetricDataResult routeOnly = cloudWatch
                .client()
                .getMetricData(b -> b.startTime(t0)
                        .endTime(t0.plusSeconds(60))
                        .metricDataQueries(q -> q.id("route")
                                .metricStat(s -> s.stat("Maximum")
                                        .period(60)
                                        .metric(m -> m.namespace("LambdaRouter")
                                                .metricName("Latency")
                                                .dimensions(CANARY.get(0))))))
                .metricDataResults()
                .get(0);
        assertEquals(Map.of(t0, 1000.0), points(routeOnly));
        MetricDataResult none = cloudWatch
                .client()
                .getMetricData(b -> b.startTime(t0.plusSeconds(120))
                        .endTime(t0.plusSeconds(600))
                        .metricDataQueries(q -> q.id("later")
                                .metricStat(s -> s.stat("Sum")
                                        .period(60)
                                        .metric(m -> m.namespace("LambdaRouter")
                                                .metricName("Latency")
                                                .dimensions(CANARY)))))
                .metricDataResults()
                .get(0);
        assertEquals(List.of(), none.values());
    }

    @Test
    void metricMathAndUnknownStatisticsAreClearErrors() {
        InvalidParameterValueException math = assertThrows(
                InvalidParameterValueException.class,
                () -> cloudWatch
                        .client()
                        .getMetricData(b -> b.startTime(t0)
                                .endTime(t0.plusSeconds(60))
                                .metricDataQueries(q -> q.id("rate").expression("100 * errors / requests"))));
        assertTrue(math.getMessage().contains("query rate: metric math"), math.getMessage());
        assertEquals(400, math.statusCode());
        InvalidParameterValueException stat =
                assertThrows(InvalidParameterValueException.class, () -> get(60, ScanBy.TIMESTAMP_ASCENDING, "TM99"));
        assertTrue(stat.getMessage().contains("'TM99'"), stat.getMessage());
    }

    @Test
    void anOperationTheStackDoesNotServeIsAnErrorNamingIt() {
        CloudWatchException e = assertThrows(
                CloudWatchException.class, () -> cloudWatch.client().listMetrics(b -> b.namespace("LambdaRouter")));
        assertEquals("UnknownOperationException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertTrue(e.getMessage().contains("does not implement ListMetrics"), e.getMessage());
    }
}
