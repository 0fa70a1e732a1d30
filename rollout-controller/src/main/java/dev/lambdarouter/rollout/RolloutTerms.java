package dev.lambdarouter.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link RolloutDecider} needs to know of a running rollout, with the weights of the neighbouring steps already
 * worked out: {@code previousWeights} (the step before, {@code null} at the first step), {@code nextWeights} (the step
 * after, {@code null} at the last) and {@code rollbackWeights} (the baseline's, canary 0).
 */
public record RolloutTerms(
        String route,
        String canary,
        List<Integer> steps,
        int step,
        Instant stepStartedAt,
        Duration stepInterval,
        Thresholds thresholds,
        List<String> alarms,
        Map<String, Integer> expectedWeights,
        Map<String, Integer> previousWeights,
        Map<String, Integer> nextWeights,
        Map<String, Integer> rollbackWeights) {

    public RolloutTerms {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(canary, "canary");
        steps = List.copyOf(steps);
        if (step < 0 || step >= steps.size()) {
            throw new IllegalArgumentException("step " + step + " of " + steps.size() + " steps");
        }
        Objects.requireNonNull(stepStartedAt, "stepStartedAt");
        Objects.requireNonNull(stepInterval, "stepInterval");
        Objects.requireNonNull(thresholds, "thresholds");
        alarms = List.copyOf(alarms);
        expectedWeights = ordered(expectedWeights);
        previousWeights = previousWeights == null ? null : ordered(previousWeights);
        nextWeights = nextWeights == null ? null : ordered(nextWeights);
        rollbackWeights = ordered(rollbackWeights);
    }

    /** A copy in the given order (the route's target order), unmodifiable. */
    private static Map<String, Integer> ordered(Map<String, Integer> weights) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public boolean lastStep() {
        return step == steps.size() - 1;
    }

    public int percent() {
        return steps.get(step);
    }

    public Instant nextDecisionDue() {
        return stepStartedAt.plus(stepInterval);
    }
}
