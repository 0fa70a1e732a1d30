package dev.lambdarouter.rollout;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule table of {@link RolloutDecider}, rule by rule, in order, and at each threshold. */
class RolloutDeciderTest {

    private static final Instant STARTED = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Instant DUE = STARTED.plus(INTERVAL);
    private static final Map<String, Integer> PREVIOUS = Map.of("v1", 95, "v2", 5);
    private static final Map<String, Integer> EXPECTED = Map.of("v1", 75, "v2", 25);
    private static final Map<String, Integer> NEXT = Map.of("v1", 50, "v2", 50);
    private static final Map<String, Integer> BASELINE = Map.of("v1", 100, "v2", 0);
    private static final Thresholds LIMITS = new Thresholds(1.0, null, 1.5, 50);

    private final RolloutDecider decider = new RolloutDecider();

    /** Step 2 of 5/25/50/100 (25 %), canary v2, baseline v1. */
    private static RolloutTerms atSecondStep(Thresholds limits, List<String> alarms) {
        return new RolloutTerms(
                "orders",
                "v2",
                List.of(5, 25, 50, 100),
                1,
                STARTED,
                INTERVAL,
                limits,
                alarms,
                EXPECTED,
                PREVIOUS,
                NEXT,
                BASELINE);
    }

    private static RolloutTerms atLastStep() {
        return new RolloutTerms(
                "orders",
                "v2",
                List.of(5, 25, 50, 100),
                3,
                STARTED,
                INTERVAL,
                LIMITS,
                List.of(),
                Map.of("v1", 0, "v2", 100),
                NEXT,
                null,
                BASELINE);
    }

    private static Observation observed(long requests, long errors, Double p99, TargetSample... baseline) {
        return new Observation(STARTED, DUE, requests, errors, p99, List.of(baseline));
    }

    /** Healthy by every rule: 1000 requests, no error, p99 100 ms against the baseline's 100 ms. */
    private static Observation healthy() {
        return observed(1000, 0, 100.0, new TargetSample("v1", 3000, 100.0));
    }

    private Decision decide(RolloutTerms rollout, Instant now, Observation observation) {
        return decider.decide(rollout, now, EXPECTED, observation, Map.of());
    }

    private Decision decide(Thresholds limits, Observation observation) {
        return decide(atSecondStep(limits, List.of()), DUE, observation);
    }

    @Nested
    class Alarms {

        private final RolloutTerms rollout = atSecondStep(LIMITS, List.of("orders-5xx", "orders-latency"));

        @Test
        void anAlarmInAlarmRollsBackBeforeAnythingElse() {
            Map<String, String> states = Map.of("orders-5xx", "OK", "orders-latency", "ALARM");
            // Also edited by hand and too few requests: the alarm wins.
            Decision decision = decider.decide(rollout, DUE, Map.of("v1", 10, "v2", 90), observed(0, 0, null), states);
            assertAll(
                    () -> assertEquals(DecisionKind.ROLLBACK, decision.kind()),
                    () -> assertEquals("alarm orders-latency in ALARM", decision.reason()),
                    () -> assertEquals(BASELINE, decision.publish()));
        }

        @Test
        void anAlarmInAlarmWinsOverAMissingOne() {
            Decision decision = decider.decide(rollout, DUE, EXPECTED, healthy(), Map.of("orders-latency", "ALARM"));
            assertEquals(DecisionKind.ROLLBACK, decision.kind());
        }

        @Test
        void aMissingAlarmPausesAndNamesIt() {
            Decision decision = decider.decide(rollout, DUE, EXPECTED, healthy(), Map.of("orders-5xx", "OK"));
            assertAll(
                    () -> assertEquals(DecisionKind.PAUSE, decision.kind()),
                    () -> assertTrue(
                            decision.reason().startsWith("alarm orders-latency does not exist"), decision.reason()),
                    () -> assertNull(decision.publish()));
        }

        @ParameterizedTest
        @CsvSource({"OK", "INSUFFICIENT_DATA"})
        void alarmsNotInAlarmLetTheOtherRulesDecide(String state) {
            Decision decision = decider.decide(
                    rollout, DUE, EXPECTED, healthy(), Map.of("orders-5xx", state, "orders-latency", state));
            assertEquals(DecisionKind.ADVANCE, decision.kind());
        }
    }

    @Nested
    class LiveWeights {

        private final RolloutTerms rollout = atSecondStep(LIMITS, List.of());

        @Test
        void aHandEditPausesAndSaysWhatItFound() {
            Decision decision = decider.decide(rollout, DUE, Map.of("v1", 70, "v2", 30), healthy(), Map.of());
            assertAll(
                    () -> assertEquals(DecisionKind.PAUSE, decision.kind()),
                    () -> assertEquals(
                            "edited by hand: live {v1=70, v2=30}, expected {v1=75, v2=25}", decision.reason()),
                    () -> assertNull(decision.publish()));
        }

        @Test
        void anAddedTargetIsAHandEdit() {
            Decision decision = decider.decide(rollout, DUE, Map.of("v1", 70, "v2", 25, "v3", 5), healthy(), Map.of());
            assertEquals(DecisionKind.PAUSE, decision.kind());
        }

        @Test
        void aRemovedRoutePauses() {
            Decision decision = decider.decide(rollout, DUE, null, healthy(), Map.of());
            assertAll(
                    () -> assertEquals(DecisionKind.PAUSE, decision.kind()),
                    () -> assertTrue(decision.reason().startsWith("route orders is gone"), decision.reason()));
        }

        @Test
        void thePreviousStepsWeightsArePublishedAgain() {
            Decision decision = decider.decide(rollout, DUE, PREVIOUS, healthy(), Map.of());
            assertAll(
                    () -> assertEquals(DecisionKind.REPUBLISH, decision.kind()),
                    () -> assertEquals(EXPECTED, decision.publish()));
        }

        @Test
        void theFirstStepHasNoPreviousWeightsToRecogniseSoADifferenceIsAHandEdit() {
            RolloutTerms first = new RolloutTerms(
                    "orders",
                    "v2",
                    List.of(5, 100),
                    0,
                    STARTED,
                    INTERVAL,
                    LIMITS,
                    List.of(),
                    PREVIOUS,
                    null,
                    Map.of("v1", 0, "v2", 100),
                    BASELINE);
            Decision decision = decider.decide(first, DUE, Map.of("v1", 100), healthy(), Map.of());
            assertEquals(DecisionKind.PAUSE, decision.kind());
        }

        @Test
        void zeroWeightsDoNotCount() {
            Map<String, Integer> live = new HashMap<>(EXPECTED);
            live.put("v0", 0);
            Decision decision = decider.decide(rollout, DUE, live, healthy(), Map.of());
            assertEquals(DecisionKind.ADVANCE, decision.kind());
        }
    }

    @Nested
    class Sample {

        @Test
        void fewerRequestsThanTheMinimumHolds() {
            // 49 requests, all failing and slow: not judged yet.
            Decision decision = decide(LIMITS, observed(49, 49, 9000.0, new TargetSample("v1", 3000, 100.0)));
            assertAll(
                    () -> assertEquals(DecisionKind.HOLD, decision.kind()),
                    () -> assertTrue(
                            decision.reason().startsWith("too few requests: 49 canary requests"), decision.reason()),
                    () -> assertNull(decision.publish()));
        }

        @Test
        void exactlyTheMinimumIsJudged() {
            Decision decision = decide(LIMITS, observed(50, 0, 100.0, new TargetSample("v1", 3000, 100.0)));
            assertEquals(DecisionKind.ADVANCE, decision.kind());
        }
    }

    @Nested
    class ErrorRate {

        @Test
        void aboveTheMaximumRollsBack() {
            Decision decision = decide(LIMITS, observed(1000, 11, 100.0));
            assertAll(
                    () -> assertEquals(DecisionKind.ROLLBACK, decision.kind()),
                    () -> assertEquals("error rate 1.1% (11 of 1000) above 1%", decision.reason()),
                    () -> assertEquals(BASELINE, decision.publish()));
        }

        @Test
        void exactlyAtTheMaximumIsHealthy() {
            assertEquals(
                    DecisionKind.ADVANCE,
                    decide(LIMITS, observed(1000, 10, 100.0)).kind());
        }

        @Test
        void aZeroMaximumRollsBackOnTheFirstError() {
            Thresholds none = new Thresholds(0, null, null, 50);
            assertAll(
                    () -> assertEquals(
                            DecisionKind.ROLLBACK,
                            decide(none, observed(1000, 1, 100.0)).kind()),
                    () -> assertEquals(
                            DecisionKind.ADVANCE,
                            decide(none, observed(1000, 0, 100.0)).kind()));
        }

        @Test
        void errorsAreJudgedBeforeLatency() {
            Thresholds both = new Thresholds(1.0, 200.0, 1.5, 50);
            Decision decision = decide(both, observed(100, 50, 5000.0, new TargetSample("v1", 3000, 100.0)));
            assertTrue(decision.reason().startsWith("error rate"), decision.reason());
        }
    }

    @Nested
    class P99 {

        private final Thresholds limits = new Thresholds(1.0, 250.0, null, 50);

        @Test
        void aboveTheMaximumRollsBack() {
            Decision decision = decide(limits, observed(1000, 0, 250.5));
            assertAll(
                    () -> assertEquals(DecisionKind.ROLLBACK, decision.kind()),
                    () -> assertEquals("p99 latency 250.5 ms above 250 ms", decision.reason()));
        }

        @Test
        void exactlyAtTheMaximumIsHealthy() {
            assertEquals(
                    DecisionKind.ADVANCE,
                    decide(limits, observed(1000, 0, 250.0)).kind());
        }

        @Test
        void withoutLatencyDataTheCheckIsSkipped() {
            assertEquals(
                    DecisionKind.ADVANCE,
                    decide(limits, observed(1000, 0, null)).kind());
        }

        @Test
        void isCheckedBeforeTheRatio() {
            Thresholds both = new Thresholds(1.0, 250.0, 1.5, 50);
            Decision decision = decide(both, observed(1000, 0, 300.0, new TargetSample("v1", 3000, 100.0)));
            assertEquals("p99 latency 300 ms above 250 ms", decision.reason());
        }
    }

    @Nested
    class LatencyRatio {

        @Test
        void aboveRatioTimesTheBaselineRollsBack() {
            Decision decision = decide(LIMITS, observed(1000, 0, 151.0, new TargetSample("v1", 3000, 100.0)));
            assertAll(
                    () -> assertEquals(DecisionKind.ROLLBACK, decision.kind()),
                    () -> assertEquals("p99 latency 151 ms above 1.5 x the baseline's 100 ms", decision.reason()),
                    () -> assertEquals(100.0, decision.baselineP99Ms()),
                    () -> assertEquals(BASELINE, decision.publish()));
        }

        @Test
        void exactlyAtRatioTimesTheBaselineIsHealthy() {
            Decision decision = decide(LIMITS, observed(1000, 0, 150.0, new TargetSample("v1", 3000, 100.0)));
            assertAll(
                    () -> assertEquals(DecisionKind.ADVANCE, decision.kind()),
                    () -> assertEquals(100.0, decision.baselineP99Ms()));
        }

        @Test
        void theBaselineIsItsSlowestTargetWithEnoughRequests() {
            Observation observation = observed(
                    1000,
                    0,
                    250.0,
                    new TargetSample("v1", 3000, 100.0),
                    new TargetSample("v0", 50, 200.0),
                    new TargetSample("v9", 49, 900.0));
            // 1.5 x 200 (v0, exactly minRequests) = 300 >= 250; v9 has too few requests to count.
            Decision decision = decide(LIMITS, observation);
            assertAll(
                    () -> assertEquals(DecisionKind.ADVANCE, decision.kind()),
                    () -> assertEquals(200.0, decision.baselineP99Ms()));
        }

        @Test
        void aBaselineWithTooFewRequestsIsNotCompared() {
            Decision decision = decide(LIMITS, observed(1000, 0, 5000.0, new TargetSample("v1", 49, 100.0)));
            assertAll(
                    () -> assertEquals(DecisionKind.ADVANCE, decision.kind()),
                    () -> assertNull(decision.baselineP99Ms()));
        }

        @Test
        void offWhenNoRatioIsSet() {
            Thresholds noRatio = new Thresholds(1.0, null, null, 50);
            Decision decision = decide(noRatio, observed(1000, 0, 5000.0, new TargetSample("v1", 3000, 100.0)));
            assertEquals(DecisionKind.ADVANCE, decision.kind());
        }
    }

    @Nested
    class Timing {

        private final RolloutTerms rollout = atSecondStep(LIMITS, List.of());

        @Test
        void healthyBeforeTheIntervalIsOverHolds() {
            Decision decision = decide(rollout, DUE.minusSeconds(1), healthy());
            assertAll(
                    () -> assertEquals(DecisionKind.HOLD, decision.kind()),
                    () -> assertEquals("healthy; next step due at 2026-12-02T10:05:00Z", decision.reason()),
                    () -> assertNull(decision.publish()));
        }

        @Test
        void healthyExactlyAtTheIntervalAdvances() {
            Decision decision = decide(rollout, DUE, healthy());
            assertAll(
                    () -> assertEquals(DecisionKind.ADVANCE, decision.kind()),
                    () -> assertEquals("healthy for 300 s at 25%; advancing to 50%", decision.reason()),
                    () -> assertEquals(NEXT, decision.publish()));
        }

        @Test
        void anUnhealthyCanaryIsRolledBackBeforeTheIntervalIsOver() {
            Decision decision = decide(rollout, STARTED.plusSeconds(60), observed(100, 50, 100.0));
            assertEquals(DecisionKind.ROLLBACK, decision.kind());
        }

        @Test
        void theLastStepHoldsThenCompletesWithoutPublishing() {
            Map<String, Integer> full = Map.of("v1", 0, "v2", 100);
            Decision early = decider.decide(atLastStep(), DUE.minusSeconds(1), full, healthy(), Map.of());
            Decision done = decider.decide(atLastStep(), DUE, full, healthy(), Map.of());
            assertAll(
                    () -> assertEquals(DecisionKind.HOLD, early.kind()),
                    () -> assertEquals("healthy; completes at 2026-12-02T10:05:00Z", early.reason()),
                    () -> assertEquals(DecisionKind.COMPLETE, done.kind()),
                    () -> assertEquals("healthy for 300 s at the last step (100%)", done.reason()),
                    () -> assertNull(done.publish()));
        }
    }

    @Test
    void thresholdsRejectValuesOutsideTheirRangeWithAClearMessage() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Thresholds(101, null, null, 0));
        assertEquals("maxErrorRatePercent is 101.0; allowed: 0 to 100", e.getMessage());
    }
}
