package dev.lambdarouter.localstack.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Embedded-metric-format lines printed by a function become metrics that {@code GetMetricData} (real SDK client)
 * answers for, under every dimension set the record declares; the lines are still printed.
 */
class EmfIngestionTest {

    @RegisterExtension
    final RunningCloudWatch cloudWatch = new RunningCloudWatch();

    /** A line the router printed on the local stack (Powertools 2, a request routed to orders-v1). */
    private static final String ROUTER_LINE = "{\"_aws\":{\"Timestamp\":1796205633142,\"CloudWatchMetrics\":[{"
            + "\"Namespace\":\"LambdaRouter\",\"Metrics\":[{\"Name\":\"Attempts\",\"Unit\":\"Count\"},{\"Name\":"
            + "\"Requests\",\"Unit\":\"Count\"},{\"Name\":\"Status4xx\",\"Unit\":\"Count\"},{\"Name\":\"Latency\","
            + "\"Unit\":\"Milliseconds\"},{\"Name\":\"Status5xx\",\"Unit\":\"Count\"}],\"Dimensions\":[[\"Service\"],"
            + "[\"Service\",\"Route\"],[\"Service\",\"Route\",\"Target\"]]}]},\"Target\":\"lambda-router-dev-orders-v1\","
            + "\"functionVersion\":\"$LATEST\",\"Attempts\":1.0,\"Service\":\"lambda-router-dev\",\"logStreamId\":"
            + "\"2026/12/02/[$LATEST]local\",\"Requests\":1.0,\"Route\":\"orders\",\"Status4xx\":0.0,"
            + "\"executionEnvironment\":\"AWS_Lambda_java21\",\"Latency\":4205.0,\"Status5xx\":0.0}";

    private static final Instant PRINTED = Instant.ofEpochMilli(1796205633142L);

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private MetricDataResult query(String namespace, String metric, String stat, List<Dimension> dimensions) {
        return cloudWatch
                .client()
                .getMetricData(b -> b.startTime(PRINTED.minusSeconds(60))
                        .endTime(PRINTED.plusSeconds(60))
                        .metricDataQueries(q -> q.id("m")
                                .metricStat(s -> s.stat(stat)
                                        .period(120)
                                        .metric(m -> m.namespace(namespace)
                                                .metricName(metric)
                                                .dimensions(dimensions)))))
                .metricDataResults()
                .get(0);
    }

    @Test
    void theRoutersRecordCountsUnderEachOfItsThreeDimensionSets() {
        cloudWatch.functionConsole().line("lambda-router-dev-router/env-1", ROUTER_LINE);
        cloudWatch.functionConsole().line("lambda-router-dev-router/env-1", ROUTER_LINE.replace("4205.0", "15.0"));

        Dimension service = dimension("Service", "lambda-router-dev");
        Dimension route = dimension("Route", "orders");
        Dimension target = dimension("Target", "lambda-router-dev-orders-v1");
        for (List<Dimension> set :
                List.of(List.of(service), List.of(service, route), List.of(service, route, target))) {
            assertEquals(
                    List.of(2.0), query("LambdaRouter", "Requests", "Sum", set).values(), set.toString());
            assertEquals(
                    List.of(0.0), query("LambdaRouter", "Status5xx", "Sum", set).values(), set.toString());
        }
        assertEquals(
                List.of(4205.0),
                query("LambdaRouter", "Latency", "p99", List.of(service, route, target))
                        .values());
        assertEquals(
                List.of(15.0),
                query("LambdaRouter", "Latency", "Minimum", List.of(service, route, target))
                        .values());
        assertEquals(
                List.of(PRINTED.minusSeconds(60).truncatedTo(ChronoUnit.MINUTES)),
                query("LambdaRouter", "Requests", "Sum", List.of(service)).timestamps());
        assertEquals(
                List.of(),
                query("LambdaRouter", "Requests", "Sum", List.of(route)).values(),
                "no such set");
        assertEquals(
                "[lambda-router-dev-router/env-1] " + ROUTER_LINE,
                cloudWatch.console().get(0),
                "still printed");
    }

    @Test
    void anArrayValueIsManySamplesAndARecordWithoutTimestampIsNow() {
        cloudWatch
                .functionConsole()
                .line(
                        "worker/env-1",
                        "{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"Jobs\",\"Dimensions\":[],"
                                + "\"Metrics\":[{\"Name\":\"Duration\"}]}]},\"Duration\":[3,1,2]}");
        MetricDataResult result = cloudWatch
                .client()
                .getMetricData(b -> b.startTime(Instant.now().minusSeconds(300))
                        .endTime(Instant.now().plusSeconds(60))
                        .metricDataQueries(q -> q.id("n")
                                .metricStat(s -> s.stat("SampleCount")
                                        .period(3600)
                                        .metric(m -> m.namespace("Jobs").metricName("Duration")))))
                .metricDataResults()
                .get(0);
        assertEquals(List.of(3.0), result.values());
    }

    @Test
    void aRecordCloudWatchWouldRejectAddsNothingAndSaysWhy() {
        String missingDimension = ROUTER_LINE.replace("\"Route\":\"orders\",", "");
        cloudWatch.functionConsole().line("lambda-router-dev-router/env-1", missingDimension);
        assertEquals(
                List.of(),
                query("LambdaRouter", "Requests", "Sum", List.of(dimension("Service", "lambda-router-dev")))
                        .values());
        assertTrue(
                cloudWatch
                        .console()
                        .get(0)
                        .startsWith("[cloudwatch] lambda-router-dev-router/env-1: embedded-metric-"
                                + "format record ignored: no value for the dimension \"Route\""),
                cloudWatch.console().toString());
        assertEquals(
                "[lambda-router-dev-router/env-1] " + missingDimension,
                cloudWatch.console().get(1));
    }
}
