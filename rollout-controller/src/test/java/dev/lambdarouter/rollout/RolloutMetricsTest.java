package dev.lambdarouter.rollout;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The EMF record {@link RolloutMetrics} prints for each decision that moved or kept a rollout. */
class RolloutMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RolloutMetrics metrics = new RolloutMetrics("LambdaRouter", "lambda-router-test");

    @Test
    void aRollbackIsOneRolloutRollbackPerServiceAndPerRoute() throws IOException {
        List<JsonNode> printed = emf(Records.of(
                DecisionKind.ROLLBACK, RolloutOutcome.APPLIED, "error rate", Map.of("orders-v1", 100, "orders-v2", 0)));

        assertEquals(1, printed.size(), printed.toString());
        JsonNode record = printed.get(0);
        JsonNode directive = record.get("_aws").get("CloudWatchMetrics").get(0);
        Set<String> sets = new TreeSet<>();
        directive.get("Dimensions").forEach(set -> sets.add(set.toString()));
        assertAll(
                () -> assertEquals("LambdaRouter", directive.get("Namespace").asText()),
                () -> assertEquals(
                        "RolloutRollback",
                        directive.get("Metrics").get(0).get("Name").asText()),
                () -> assertEquals(1, directive.get("Metrics").size()),
                () -> assertEquals(1.0, record.get("RolloutRollback").asDouble()),
                () -> assertEquals("lambda-router-test", record.get("Service").asText()),
                () -> assertEquals("orders", record.get("Route").asText()),
                () -> assertEquals(Set.of("[\"Service\"]", "[\"Service\",\"Route\"]"), sets));
    }

    @Test
    void eachEffectHasItsMetricAndARepublishCountsAsTheAdvanceItFinishes() throws IOException {
        assertAll(
                () -> assertEquals(List.of("RolloutHold"), names(DecisionKind.HOLD, RolloutOutcome.APPLIED)),
                () -> assertEquals(List.of("RolloutAdvance"), names(DecisionKind.ADVANCE, RolloutOutcome.APPLIED)),
                () -> assertEquals(List.of("RolloutAdvance"), names(DecisionKind.REPUBLISH, RolloutOutcome.APPLIED)),
                () -> assertEquals(List.of("RolloutComplete"), names(DecisionKind.COMPLETE, RolloutOutcome.APPLIED)),
                () -> assertEquals(List.of("RolloutPause"), names(DecisionKind.PAUSE, RolloutOutcome.APPLIED)),
                () -> assertEquals(
                        List.of("RolloutPause"), names(DecisionKind.ADVANCE, RolloutOutcome.PUBLISH_FAILED)));
    }

    @Test
    void aRunThatGaveUpOrSkippedPrintsNoMetricAndOneThatFailedCountsRolloutFailed() throws IOException {
        assertAll(
                () -> assertEquals(List.of(), names(DecisionKind.ADVANCE, RolloutOutcome.STALE)),
                () -> assertEquals(List.of("RolloutFailed"), names(DecisionKind.HOLD, RolloutOutcome.FAILED)),
                () -> assertEquals(List.of(), names(DecisionKind.HOLD, RolloutOutcome.SKIPPED)));
    }

    private List<String> names(DecisionKind kind, RolloutOutcome outcome) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode record : emf(Records.of(kind, outcome, "why", Map.of("orders-v1", 75, "orders-v2", 25)))) {
            record.get("_aws")
                    .get("CloudWatchMetrics")
                    .get(0)
                    .get("Metrics")
                    .forEach(m -> names.add(m.get("Name").asText()));
        }
        return names;
    }

    /** The EMF records printed on stdout while {@code record} is handed to the metrics. */
    private List<JsonNode> emf(RolloutRecord record) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            metrics.recorded(record);
        } finally {
            System.setOut(stdout);
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                records.add(JSON.readTree(line));
            }
        }
        assertTrue(records.size() <= 1, records.toString());
        return records;
    }
}
