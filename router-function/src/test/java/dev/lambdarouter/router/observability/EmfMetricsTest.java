package dev.lambdarouter.router.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded-metric-format lines {@link EmfMetrics} prints, read back as CloudWatch reads them: one JSON object
 * per line, the directive under {@code _aws}, dimension and metric values at the top level. (The records of real
 * requests through the handler are checked by the tests module's {@code RouterMetricsTest}.)
 */
class EmfMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, false, StandardCharsets.UTF_8);

    private EmfMetrics metrics(String service, MetricDimensions dimensions) {
        return new EmfMetrics(
                new JsonFactory(), "LambdaRouter", service, dimensions, () -> 1_796_205_284_337L, () -> out);
    }

    private List<JsonNode> lines() throws Exception {
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals('\n', text.charAt(text.length() - 1), "each record ends its line");
        List<JsonNode> records = new java.util.ArrayList<>();
        for (String line : text.lines().toList()) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    @Test
    void aRequestWithAFailureIsOneRecordWithEveryMetricDeclaredAndValued() throws Exception {
        metrics("lambda-router-prod", MetricDimensions.ROUTE_AND_TARGET)
                .requestCompleted(
                        new RequestOutcome(
                                "id",
                                "GET",
                                "/orders/1",
                                "orders",
                                "orders-v2",
                                "sync",
                                502,
                                37,
                                "lr",
                                "worker-failed",
                                2,
                                false,
                                "weighted",
                                null),
                        MetricNames.WORKER_FAILED);

        List<JsonNode> records = lines();
        assertEquals(1, records.size());
        JsonNode record = records.get(0);
        assertEquals(JSON.readTree("""
                        {"_aws":{"Timestamp":1796205284337,"CloudWatchMetrics":[{"Namespace":"LambdaRouter",
                          "Metrics":[{"Name":"Requests","Unit":"Count"},{"Name":"Latency","Unit":"Milliseconds"},
                                     {"Name":"Status4xx","Unit":"Count"},{"Name":"Status5xx","Unit":"Count"},
                                     {"Name":"Attempts","Unit":"Count"},{"Name":"WorkerFailed","Unit":"Count"}],
                          "Dimensions":[["Service"],["Service","Route"],["Service","Route","Target"]]}]},
                         "Service":"lambda-router-prod","Route":"orders","Target":"orders-v2",
                         "Requests":1.0,"Latency":37.0,"Status4xx":0.0,"Status5xx":1.0,"Attempts":2.0,
                         "WorkerFailed":1.0}"""), record);
    }

    @Test
    void routeOnlyDropsTheTargetSetAndValue() throws Exception {
        metrics("s", MetricDimensions.ROUTE)
                .requestCompleted(
                        new RequestOutcome(
                                "id",
                                "GET",
                                "/x",
                                "orders",
                                "orders-v1",
                                "sync",
                                404,
                                1,
                                null,
                                null,
                                1,
                                false,
                                null,
                                null),
                        null);

        JsonNode record = lines().get(0);
        assertEquals(
                JSON.readTree("[[\"Service\"],[\"Service\",\"Route\"]]"),
                record.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions"));
        assertEquals("orders", record.get("Route").asText());
        assertEquals(false, record.has("Target"));
        assertEquals(1.0, record.get("Status4xx").asDouble());
    }

    @Test
    void anInjectedDelayIsCountedBesideWhatCameOfTheRequestAndAnAbortByItsFailureKind() throws Exception {
        EmfMetrics metrics = metrics("s", MetricDimensions.ROUTE_AND_TARGET);
        metrics.requestCompleted(
                new RequestOutcome(
                        "id",
                        "GET",
                        "/x",
                        "orders",
                        "orders-v2",
                        "sync",
                        200,
                        250,
                        null,
                        null,
                        1,
                        false,
                        null,
                        InjectedFault.DELAY),
                null);
        metrics.requestCompleted(
                new RequestOutcome(
                        "id",
                        "GET",
                        "/x",
                        "orders",
                        "orders-v2",
                        "sync",
                        503,
                        1,
                        null,
                        null,
                        0,
                        false,
                        null,
                        InjectedFault.ABORT),
                MetricNames.FAULT_ABORT);

        List<JsonNode> records = lines();
        assertEquals(1.0, records.get(0).get(MetricNames.FAULT_DELAY).asDouble());
        assertEquals(false, records.get(0).has(MetricNames.FAULT_ABORT));
        assertEquals(1.0, records.get(1).get(MetricNames.FAULT_ABORT).asDouble());
        assertEquals(false, records.get(1).has(MetricNames.FAULT_DELAY));
        assertEquals(1.0, records.get(1).get(MetricNames.STATUS_5XX).asDouble());
        assertEquals("orders-v2", records.get(1).get("Target").asText());
        assertEquals(
                true,
                records.get(0)
                        .get("_aws")
                        .get("CloudWatchMetrics")
                        .get(0)
                        .get("Metrics")
                        .toString()
                        .contains("\"FaultDelay\""),
                "FaultDelay is declared as a metric, not only valued");
    }

    @Test
    void eventsAreRecordsOfOneCountWithTheServiceSetAndNamesAreEscaped() throws Exception {
        EmfMetrics metrics = metrics("quote\" and \\ back", MetricDimensions.ROUTE_AND_TARGET);
        metrics.configEvent(MetricNames.CONFIG_REJECTED);
        metrics.mirrorCopyDropped();

        List<JsonNode> records = lines();
        assertEquals(2, records.size());
        assertEquals(JSON.readTree("""
                        {"_aws":{"Timestamp":1796205284337,"CloudWatchMetrics":[{"Namespace":"LambdaRouter",
                          "Metrics":[{"Name":"ConfigRejected","Unit":"Count"}],"Dimensions":[["Service"]]}]},
                         "Service":"quote\\" and \\\\ back","ConfigRejected":1.0}"""), records.get(0));
        assertEquals(1.0, records.get(1).get(MetricNames.MIRROR_COPY_DROPPED).asDouble());
    }
}
