package dev.lambdarouter.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's canary rollout, as stored in {@code {prefix}/rollouts/<route>} (JSON: {@link RolloutDocuments}). Immutable;
 * the {@code with}/{@link #transition} methods return changed copies, and {@link RolloutStore#write} stamps the
 * revision.
 *
 * @param schema               the document format, {@value #SCHEMA}
 * @param route                the route's name
 * @param canary               the function the traffic moves to
 * @param baseline             the route's other targets and their weights when the rollout started (canary excluded)
 * @param steps                the canary's percentages, strictly increasing, the last 100
 * @param stepIntervalSeconds  how long each step runs healthy before the next
 * @param maxErrorRatePercent  the canary's highest allowed 5xx rate, in percent
 * @param maxP99Ms             the canary's highest allowed p99 latency, or null
 * @param maxLatencyRatio      the highest allowed canary p99 / baseline p99, or null
 * @param minRequests          canary requests a step needs before it is judged
 * @param alarms               CloudWatch alarms that roll the canary back when in ALARM
 * @param step                 the current step's index in {@code steps} (0-based)
 * @param stepStartedAt        when the current step started (its metrics window starts here)
 * @param expectedWeights      the weights the route should have now (function to weight)
 * @param revision             1, 2, ...: every write is the previous revision + 1 ({@link RolloutStore#write})
 * @param reason               why the rollout is in its state, in words
 * @param lastObservation      the controller's last decision, or null before the first
 * @param history              state changes, newest last, at most {@value #HISTORY_LIMIT}
 */
public record RolloutDocument(
        int schema,
        String route,
        String canary,
        Map<String, Integer> baseline,
        List<Integer> steps,
        long stepIntervalSeconds,
        double maxErrorRatePercent,
        Double maxP99Ms,
        Double maxLatencyRatio,
        long minRequests,
        List<String> alarms,
        RolloutState state,
        int step,
        Instant stepStartedAt,
        Map<String, Integer> expectedWeights,
        long revision,
        String reason,
        RolloutObservation lastObservation,
        List<RolloutEvent> history) {

    public static final int SCHEMA = 1;
    /** How many history entries a document keeps (older are dropped). */
    public static final int HISTORY_LIMIT = 20;

    public RolloutDocument {
        baseline = ordered(baseline);
        expectedWeights = ordered(expectedWeights);
        steps = steps == null ? null : Collections.unmodifiableList(new ArrayList<>(steps));
        alarms = alarms == null ? null : Collections.unmodifiableList(new ArrayList<>(alarms));
        history = history == null ? null : Collections.unmodifiableList(new ArrayList<>(history));
    }

    private static Map<String, Integer> ordered(Map<String, Integer> weights) {
        return weights == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** Running or paused. */
    public boolean active() {
        return state.active();
    }

    /** The canary's percentage at the current step. */
    public int percent() {
        return steps.get(step);
    }

    /** Whether the current step is the last (100%). */
    public boolean lastStep() {
        return step == steps.size() - 1;
    }

    /** The weights of step {@code index}: canary {@code steps[index]}, the baseline sharing the rest. */
    public Map<String, Integer> weightsAtStep(int index) {
        return RolloutPlan.weightsAt(baseline, canary, steps.get(index));
    }

    /** The weights a rollback or an abort publishes: the baseline as it was, the canary 0. */
    public Map<String, Integer> rollbackWeights() {
        return RolloutPlan.rollbackWeights(baseline, canary);
    }

    public RolloutDocument withRevision(long newRevision) {
        return new RolloutDocument(
                schema,
                route,
                canary,
                baseline,
                steps,
                stepIntervalSeconds,
                maxErrorRatePercent,
                maxP99Ms,
                maxLatencyRatio,
                minRequests,
                alarms,
                state,
                step,
                stepStartedAt,
                expectedWeights,
                newRevision,
                reason,
                lastObservation,
                history);
    }

    public RolloutDocument withObservation(RolloutObservation observation) {
        return new RolloutDocument(
                schema,
                route,
                canary,
                baseline,
                steps,
                stepIntervalSeconds,
                maxErrorRatePercent,
                maxP99Ms,
                maxLatencyRatio,
                minRequests,
                alarms,
                state,
                step,
                stepStartedAt,
                expectedWeights,
                revision,
                reason,
                observation,
                history);
    }

    /** The same document with {@code history} instead (e.g. trimmed to fit a parameter). */
    public RolloutDocument withHistory(List<RolloutEvent> newHistory) {
        return new RolloutDocument(
                schema,
                route,
                canary,
                baseline,
                steps,
                stepIntervalSeconds,
                maxErrorRatePercent,
                maxP99Ms,
                maxLatencyRatio,
                minRequests,
                alarms,
                state,
                step,
                stepStartedAt,
                expectedWeights,
                revision,
                reason,
                lastObservation,
                newHistory);
    }

    /**
     * A state change: the new state, step, expected weights and reason, the event appended to the history (the oldest
     * dropped beyond {@value #HISTORY_LIMIT}). {@code start}, {@code advance} and {@code resume} restart the step's
     * timer at {@code at}; the others keep it. The revision is left to {@link RolloutStore#write}.
     */
    public RolloutDocument transition(
            RolloutEvent.Kind event,
            RolloutState newState,
            int newStep,
            Map<String, Integer> weights,
            Instant at,
            String why) {
        List<RolloutEvent> events = new ArrayList<>(history == null ? List.of() : history);
        events.add(new RolloutEvent(at, event, newStep, weights, why));
        if (events.size() > HISTORY_LIMIT) {
            events = events.subList(events.size() - HISTORY_LIMIT, events.size());
        }
        boolean restartsStep = event == RolloutEvent.Kind.START
                || event == RolloutEvent.Kind.ADVANCE
                || event == RolloutEvent.Kind.RESUME;
        return new RolloutDocument(
                schema,
                route,
                canary,
                baseline,
                steps,
                stepIntervalSeconds,
                maxErrorRatePercent,
                maxP99Ms,
                maxLatencyRatio,
                minRequests,
                alarms,
                newState,
                newStep,
                restartsStep ? at : stepStartedAt,
                weights,
                revision,
                why,
                lastObservation,
                events);
    }
}
