package dev.lambdarouter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutDocumentsTest {

    private static RolloutDocumentException refused(String json) {
        return assertThrows(RolloutDocumentException.class, () -> RolloutDocuments.parse(json));
    }

    private static String replace(String field, String value) {
        String example = SampleRollouts.CONTRACT_EXAMPLE;
        int start = example.indexOf("\"" + field + "\": ");
        int end = example.indexOf(",\n", start);
        assertTrue(start >= 0 && end > start, field);
        return example.substring(0, start) + "\"" + field + "\": " + value + example.substring(end);
    }

    private static void assertProblem(String expected, RolloutDocumentException e) {
        assertTrue(e.problems().stream().anyMatch(p -> p.contains(expected)), e.problems() + " lacks: " + expected);
    }

    @Test
    void readsTheContractExample() {
        RolloutDocument document = RolloutDocuments.parse(SampleRollouts.CONTRACT_EXAMPLE);

        assertEquals("orders", document.route());
        assertEquals("orders-v2", document.canary());
        assertEquals(Map.of("orders-v1", 100), document.baseline());
        assertEquals(List.of(5, 25, 50, 100), document.steps());
        assertEquals(RolloutState.RUNNING, document.state());
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), document.stepStartedAt());
        assertNull(document.maxP99Ms());
        assertEquals(1.5, document.maxLatencyRatio());
        assertEquals(5, document.percent());
        assertEquals(RolloutEvent.Kind.START, document.history().get(0).event());
        assertEquals(SampleRollouts.running("orders"), document);
    }

    @Test
    void writesWhatItReadsBackInTheContractsFieldOrder() {
        RolloutDocument document = SampleRollouts.running("orders")
                .withObservation(new RolloutObservation(
                        Instant.parse("2026-12-02T10:01:00Z"),
                        SampleRollouts.STARTED,
                        12,
                        0,
                        0.0,
                        41.5,
                        230,
                        null,
                        "hold",
                        "too few requests: 12 < 50"));

        String json = RolloutDocuments.write(document);

        assertEquals(document, RolloutDocuments.parse(json));
        assertTrue(json.startsWith("{\"schema\":1,\"route\":\"orders\",\"canary\":\"orders-v2\",\"baseline\":{"), json);
        assertTrue(json.contains("\"state\":\"running\""), json);
        assertTrue(json.contains("\"stepStartedAt\":\"2026-12-02T10:00:00Z\""), json);
        assertTrue(json.contains("\"maxP99Ms\":null"), json);
        assertTrue(json.contains("\"event\":\"start\""), json);
    }

    @Test
    void rejectsUnknownFieldsNamingThemAndWhatIsAllowed() {
        RolloutDocumentException top = refused(replace("minRequests", "50, \"maxRequests\": 5"));
        assertProblem("unknown field 'maxRequests'", top);
        assertProblem("minRequests", top);

        RolloutDocumentException nested = refused(SampleRollouts.CONTRACT_EXAMPLE.replace(
                "\"event\": \"start\"", "\"event\": \"start\", \"who\": \"me\""));
        assertProblem("unknown field 'history[0].who'", nested);
    }

    @Test
    void namesAMissingField() {
        String withoutAlarms = SampleRollouts.CONTRACT_EXAMPLE.replace("  \"alarms\": [],\n", "");
        assertProblem("field 'alarms' is missing", refused(withoutAlarms));
    }

    @Test
    void namesAFieldOfTheWrongType() {
        assertProblem("field 'steps'", refused(replace("steps", "\"5,25,50,100\"")));
        assertProblem("field 'minRequests'", refused(replace("minRequests", "\"fifty\"")));
        assertProblem("field 'step'", refused(replace("step", "1.5")));
        assertProblem(
                "field 'state': unknown state 'done' (allowed: running, paused, completed, rolled-back, aborted)",
                refused(replace("state", "\"done\"")));
        assertProblem("not JSON", refused("{\"schema\": 1,"));
    }

    @Test
    void checksEveryValueAndReportsAllProblemsAtOnce() {
        String json =
                replace("steps", "[25, 5, 100]").replace("\"stepIntervalSeconds\": 300", "\"stepIntervalSeconds\": 5");
        json = json.replace("\"maxErrorRatePercent\": 1.0", "\"maxErrorRatePercent\": 120");
        json = json.replace("\"route\": \"orders\"", "\"route\": \"orders/eu\"");
        RolloutDocumentException e = refused(json);

        assertProblem("field 'steps': percentages must strictly increase", e);
        assertProblem("field 'stepIntervalSeconds': must be at least 10, got 5", e);
        assertProblem("field 'maxErrorRatePercent': must be 0..100, got 120.0", e);
        assertProblem("field 'route': must match [A-Za-z0-9._-]{1,64}", e);
        assertEquals(4, e.problems().size(), e.problems().toString());
    }

    @Test
    void stepsMustEndAtOneHundredAndTheStepIndexMustBeInRange() {
        assertProblem("the last step must be 100", refused(replace("steps", "[5, 25, 50]")));
        assertProblem("each percentage must be 1..100", refused(replace("steps", "[0, 100]")));
        assertProblem("field 'step': must be an index into steps (0..3), got 4", refused(replace("step", "4")));
        assertProblem(
                "field 'baseline': must not contain the canary 'orders-v2'",
                refused(replace("baseline", "{\"orders-v1\": 100, \"orders-v2\": 0}")));
        assertProblem(
                "field 'expectedWeights.orders-v1': weight must be a whole number >= 0, got -5",
                refused(replace("expectedWeights", "{\"orders-v1\": -5, \"orders-v2\": 5}")));
        assertProblem("field 'revision': must be >= 1, got 0", refused(replace("revision", "0")));
    }

    @Test
    void writeRefusesAnInvalidDocument() {
        RolloutDocument invalid = SampleRollouts.running("orders").withHistory(null);
        RolloutDocumentException e =
                assertThrows(RolloutDocumentException.class, () -> RolloutDocuments.write(invalid));
        assertProblem("field 'history'", e);
    }

    @Test
    void aTransitionAppendsToTheHistoryKeepingTheLastTwenty() {
        RolloutDocument document = SampleRollouts.running("orders");
        Instant at = SampleRollouts.STARTED;
        for (int i = 1; i <= 25; i++) {
            at = at.plusSeconds(60);
            RolloutEvent.Kind kind = i % 2 == 1 ? RolloutEvent.Kind.PAUSE : RolloutEvent.Kind.RESUME;
            RolloutState state = i % 2 == 1 ? RolloutState.PAUSED : RolloutState.RUNNING;
            document = document.transition(kind, state, 0, document.expectedWeights(), at, "change " + i);
        }

        assertEquals(RolloutDocument.HISTORY_LIMIT, document.history().size());
        assertEquals("change 25", document.history().get(19).reason());
        assertEquals("change 6", document.history().get(0).reason());
        assertEquals(RolloutState.PAUSED, document.state());
        assertEquals("change 25", document.reason());
        // a pause keeps the step's timer; the resume before it restarted it
        assertEquals(at.minusSeconds(60), document.stepStartedAt());
        assertEquals(document, RolloutDocuments.parse(RolloutDocuments.write(document)));
    }
}
