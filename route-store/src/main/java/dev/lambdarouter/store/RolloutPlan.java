package dev.lambdarouter.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The weights of a rollout's steps, from its baseline. */
public final class RolloutPlan {
    private RolloutPlan() {}

    /**
     * The route's weights when the canary has {@code percent}: the canary {@code percent}, the baseline targets
     * sharing {@code 100 - percent} in proportion to their baseline weights, rounded by largest remainder (ties to the
     * earlier target) so the total is exactly 100; a baseline target with weight 0 stays 0. Baseline targets first, in
     * their order, then the canary.
     *
     * @throws IllegalArgumentException when {@code percent} is outside 0..100, the baseline has no weight above 0
     *     (and {@code percent < 100}), or names the canary
     */
    public static Map<String, Integer> weightsAt(Map<String, Integer> baseline, String canary, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a step's percentage must be 0..100, got " + percent);
        }
        requireBaseline(baseline, canary);
        long total = baseline.values().stream().mapToLong(Integer::longValue).sum();
        if (total <= 0 && percent < 100) {
            throw new IllegalArgumentException("the baseline has no target with a weight above 0: " + baseline);
        }
        int rest = 100 - percent;
        List<String> functions = new ArrayList<>(baseline.keySet());
        int[] shares = new int[functions.size()];
        long[] remainders = new long[functions.size()];
        int assigned = 0;
        for (int i = 0; i < functions.size(); i++) {
            long scaled = (long) rest * baseline.get(functions.get(i));
            shares[i] = total == 0 ? 0 : (int) (scaled / total);
            remainders[i] = total == 0 ? 0 : scaled % total;
            assigned += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < functions.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparingLong((Integer i) -> remainders[i])
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int k = 0; assigned < rest; k++) {
            shares[byRemainder.get(k)]++;
            assigned++;
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < functions.size(); i++) {
            weights.put(functions.get(i), shares[i]);
        }
        weights.put(canary, percent);
        return weights;
    }

    /** What a rollback or an abort publishes: the baseline weights as they were, the canary 0. */
    public static Map<String, Integer> rollbackWeights(Map<String, Integer> baseline, String canary) {
        requireBaseline(baseline, canary);
        Map<String, Integer> weights = new LinkedHashMap<>(baseline);
        weights.put(canary, 0);
        return weights;
    }

    /**
     * A rollout's baseline from the route's weights when it starts: every target but the canary, with its weight (a
     * canary that already was a target is left out, so it starts from the first step's share).
     */
    public static Map<String, Integer> baselineOf(Map<String, Integer> current, String canary) {
        Map<String, Integer> baseline = new LinkedHashMap<>(current);
        baseline.remove(canary);
        return baseline;
    }

    private static void requireBaseline(Map<String, Integer> baseline, String canary) {
        if (baseline.isEmpty()) {
            throw new IllegalArgumentException("the baseline has no targets");
        }
        if (baseline.containsKey(canary)) {
            throw new IllegalArgumentException("the baseline must not contain the canary '" + canary + "'");
        }
        baseline.forEach((function, weight) -> {
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("baseline weight of '" + function + "' must be >= 0, got " + weight);
            }
        });
    }
}
