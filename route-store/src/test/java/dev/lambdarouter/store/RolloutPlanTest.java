package dev.lambdarouter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    private static Map<String, Integer> weights(Object... functionsAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < functionsAndWeights.length; i += 2) {
            weights.put((String) functionsAndWeights[i], (Integer) functionsAndWeights[i + 1]);
        }
        return weights;
    }

    @Test
    void oneBaselineTargetGetsTheRest() {
        assertEquals(weights("v1", 95, "v2", 5), RolloutPlan.weightsAt(weights("v1", 100), "v2", 5));
        assertEquals(weights("v1", 0, "v2", 100), RolloutPlan.weightsAt(weights("v1", 100), "v2", 100));
    }

    @Test
    void baselineSharesAreProportionalWithLargestRemainderRounding() {
        // 95 / 3 = 31.67 each: floors 31, 31, 31 (93); the two left go to the first two (equal remainders, in order)
        assertEquals(
                weights("a", 32, "b", 32, "c", 31, "canary", 5),
                RolloutPlan.weightsAt(weights("a", 1, "b", 1, "c", 1), "canary", 5));
        // 75 x 70/100 = 52.5, 75 x 30/100 = 22.5: floors 52 + 22 = 74, the first takes the one left
        assertEquals(
                weights("a", 53, "b", 22, "canary", 25),
                RolloutPlan.weightsAt(weights("a", 70, "b", 30), "canary", 25));
        // 50 x 2/7 = 14.29, 50 x 5/7 = 35.71: the larger remainder (b) takes the one left
        assertEquals(
                weights("a", 14, "b", 36, "canary", 50), RolloutPlan.weightsAt(weights("a", 2, "b", 5), "canary", 50));
    }

    @Test
    void aBaselineTargetWithWeightZeroStaysZero() {
        assertEquals(
                weights("a", 38, "b", 0, "c", 12, "canary", 50),
                RolloutPlan.weightsAt(weights("a", 3, "b", 0, "c", 1), "canary", 50));
    }

    @Test
    void everyStepTotalsExactlyOneHundredAndStaysWithinOneOfTheExactShare() {
        List<Map<String, Integer>> baselines = List.of(
                weights("a", 1),
                weights("a", 1, "b", 1, "c", 1),
                weights("a", 7, "b", 0, "c", 13, "d", 1),
                weights("a", 90, "b", 10),
                weights("a", 1000, "b", 1, "c", 1));
        for (Map<String, Integer> baseline : baselines) {
            long total =
                    baseline.values().stream().mapToLong(Integer::longValue).sum();
            for (int percent = 0; percent <= 100; percent++) {
                Map<String, Integer> step = RolloutPlan.weightsAt(baseline, "canary", percent);
                String what = baseline + " at " + percent + "%: " + step;
                assertEquals(
                        100, step.values().stream().mapToInt(Integer::intValue).sum(), what);
                assertEquals(percent, step.get("canary"), what);
                for (Map.Entry<String, Integer> target : baseline.entrySet()) {
                    double exact = (100.0 - percent) * target.getValue() / total;
                    int share = step.get(target.getKey());
                    assertTrue(share >= Math.floor(exact) && share <= Math.ceil(exact), what);
                }
            }
        }
    }

    @Test
    void rollbackPutsTheBaselineBackAsItWasWithTheCanaryAtZero() {
        assertEquals(
                weights("a", 3, "b", 1, "canary", 0), RolloutPlan.rollbackWeights(weights("a", 3, "b", 1), "canary"));
    }

    @Test
    void theBaselineIsEveryTargetButTheCanary() {
        assertEquals(weights("v1", 90), RolloutPlan.baselineOf(weights("v1", 90, "v2", 10), "v2"));
    }

    @Test
    void refusesWhatCannotBeAStep() {
        IllegalArgumentException above =
                assertThrows(IllegalArgumentException.class, () -> RolloutPlan.weightsAt(weights("a", 1), "c", 101));
        assertTrue(above.getMessage().contains("0..100"), above.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RolloutPlan.weightsAt(weights("a", 1), "c", -1));
        IllegalArgumentException canary = assertThrows(
                IllegalArgumentException.class, () -> RolloutPlan.weightsAt(weights("a", 1, "c", 1), "c", 5));
        assertTrue(canary.getMessage().contains("canary 'c'"), canary.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RolloutPlan.weightsAt(Map.of(), "c", 5));
        assertThrows(IllegalArgumentException.class, () -> RolloutPlan.weightsAt(weights("a", 0), "c", 5));
    }
}
