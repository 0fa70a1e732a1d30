package dev.lambdarouter.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** SDK v2's CloudWatch client (RPC v2 CBOR on the wire) against {@link MotoServer}. */
class MotoServerCloudWatchTest {

    private static MotoServer moto;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        cloudWatch = moto.cloudWatchClient();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        moto.close();
    }

    @BeforeEach
    void reset() {
        moto.reset();
    }

    @Test
    void getMetricDataSumsAndTakesThePercentileOfWhatPutMetricDataSentPerDimensions() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        putLatencies("orders-v2", now, List.of(10.0, 20.0, 30.0, 1000.0), List.of(30.0, 30.0, 39.0, 1.0));
        putLatencies("orders-v1", now, List.of(5.0), List.of(100.0));

        GetMetricDataResponse answer = cloudWatch.getMetricData(r -> r.startTime(now.minus(Duration.ofMinutes(5)))
                .endTime(now.plus(Duration.ofMinutes(5)))
                .metricDataQueries(
                        latency("sum", "orders-v2", Statistic.SUM.toString()),
                        latency("p99", "orders-v2", "p99"),
                        latency("max", "orders-v2", "p100"),
                        latency("other", "orders-v1", "p99")));

        Map<String, List<Double>> values = answer.metricDataResults().stream()
                .collect(Collectors.toMap(MetricDataResult::id, MetricDataResult::values));
        assertEquals(
                Map.of(
                        "sum", List.of(30 * 10.0 + 30 * 20.0 + 39 * 30.0 + 1000.0),
                        "p99", List.of(30.0),
                        "max", List.of(1000.0),
                        "other", List.of(5.0)),
                values);
        MetricDataResult sum = answer.metricDataResults().get(0);
        assertEquals(1, sum.timestamps().size(), "one period of 10 minutes: " + sum);
    }

    @Test
    void aPutMetricDataLargeEnoughForTheSdkToGzipIsCountedWhole() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 1,000 datums of a value that needs a double: the CBOR body is far above the SDK's 10 KB compression floor
        cloudWatch.putMetricData(r -> r.namespace("LambdaRouter")
                .metricData(IntStream.rangeClosed(1, 1000)
                        .mapToObj(i -> MetricDatum.builder()
                                .metricName("Latency")
                                .dimensions(dimension("orders-v2"))
                                .timestamp(now)
                                .value(i / 3.0)
                                .build())
                        .toList()));

        GetMetricDataResponse answer = cloudWatch.getMetricData(r -> r.startTime(now.minus(Duration.ofMinutes(5)))
                .endTime(now.plus(Duration.ofMinutes(5)))
                .metricDataQueries(
                        latency("n", "orders-v2", Statistic.SAMPLE_COUNT.toString()),
                        latency("p99", "orders-v2", "p99")));

        assertEquals(List.of(1000.0), answer.metricDataResults().get(0).values());
        assertEquals(List.of(990 / 3.0), answer.metricDataResults().get(1).values());
    }

    @Test
    void setAlarmStateShowsInDescribeAlarms() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("orders-v2-errors")
                .namespace("LambdaRouter")
                .metricName("Status5xx")
                .dimensions(dimension("orders-v2"))
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        cloudWatch.setAlarmState(r ->
                r.alarmName("orders-v2-errors").stateValue(StateValue.ALARM).stateReason("rehearsal"));

        List<MetricAlarm> alarms = cloudWatch
                .describeAlarms(r -> r.alarmNames("orders-v2-errors", "absent"))
                .metricAlarms();

        assertEquals(1, alarms.size(), alarms.toString());
        MetricAlarm alarm = alarms.get(0);
        assertEquals(StateValue.ALARM, alarm.stateValue());
        assertEquals("rehearsal", alarm.stateReason());
        assertEquals(List.of(dimension("orders-v2")), alarm.dimensions());
        assertEquals(1.0, alarm.threshold());
        assertTrue(
                Duration.between(alarm.stateUpdatedTimestamp(), Instant.now())
                                .abs()
                                .toMinutes()
                        < 5,
                "state updated now, not at the epoch: " + alarm.stateUpdatedTimestamp());
    }

    @Test
    void motoRejectingARequestIsTheSdksCloudWatchExceptionWithMotosMessage() {
        CloudWatchException rejected = assertThrows(
                CloudWatchException.class,
                () -> cloudWatch.putMetricAlarm(r -> r.alarmName("bad")
                        .namespace("LambdaRouter")
                        .metricName("Latency")
                        .extendedStatistic("median")
                        .period(60)
                        .evaluationPeriods(1)
                        .threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));

        assertEquals(400, rejected.statusCode());
        assertEquals("InvalidParameterValue", rejected.awsErrorDetails().errorCode());
        assertEquals(
                "The value median for parameter ExtendedStatistic is not supported.",
                rejected.awsErrorDetails().errorMessage());
    }

    @Test
    void anAlarmThatDoesNotExistIsNotFound() {
        CloudWatchException missing = assertThrows(
                CloudWatchException.class,
                () -> cloudWatch.setAlarmState(
                        r -> r.alarmName("absent").stateValue(StateValue.OK).stateReason("x")));

        assertEquals(404, missing.statusCode());
        assertEquals("ResourceNotFound", missing.awsErrorDetails().errorCode());
    }

    @Test
    void ssmStillAnswersNextToCloudWatch() {
        try (var ssm = moto.ssmClient()) {
            ssm.putParameter(r -> r.name("/router/version").value("7").type("String"));
            assertEquals(
                    "7",
                    ssm.getParameter(r -> r.name("/router/version")).parameter().value());
        }
    }

    private void putLatencies(String target, Instant at, List<Double> values, List<Double> counts) {
        cloudWatch.putMetricData(r -> r.namespace("LambdaRouter")
                .metricData(d -> d.metricName("Latency")
                        .dimensions(dimension(target))
                        .timestamp(at)
                        .values(values)
                        .counts(counts)));
    }

    private static MetricDataQuery latency(String id, String target, String stat) {
        return MetricDataQuery.builder()
                .id(id)
                .metricStat(s -> s.period(600)
                        .stat(stat)
                        .metric(m -> m.namespace("LambdaRouter")
                                .metricName("Latency")
                                .dimensions(dimension(target))))
                .build();
    }

    private static Dimension dimension(String target) {
        return Dimension.builder().name("Target").value(target).build();
    }
}
