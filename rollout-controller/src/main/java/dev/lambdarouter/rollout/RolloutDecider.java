package dev.lambdarouter.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules that decide what happens to a running rollout, in order, the first that applies wins:
 *
 * <ol>
 *   <li>a listed alarm in {@code ALARM}: roll back; a listed alarm that does not exist: pause;
 *   <li>the live weights are not the expected ones: pause (edited by hand, or the route is gone), unless they are the
 *       previous step's (a run stopped between the document write and the publish): publish the expected ones again;
 *   <li>fewer canary requests than {@code minRequests} in the window: hold;
 *   <li>canary error rate (5xx / requests) above the maximum: roll back;
 *   <li>{@code maxP99Ms} set and the canary's p99 above it: roll back;
 *   <li>{@code maxLatencyRatio} set, a baseline target with at least {@code minRequests}, and the canary's p99 above
 *       ratio × the highest such target's p99: roll back;
 *   <li>less than the step interval spent in the step: hold;
 *   <li>the last step: complete; otherwise advance.
 * </ol>
 *
 * A number exactly at its threshold is healthy. Zero weights do not count when live and expected weights are compared
 * (a rolled-back canary stays a target at weight 0). No AWS types: the numbers come in, a {@link Decision} goes out.
 */
public final class RolloutDecider {

    /** CloudWatch's alarm state for "the alarm fires". */
    public static final String ALARM = "ALARM";

    /**
     * Decides what happens to {@code rollout} at {@code now}.
     *
     * @param liveWeights the route's weights as published now (target to weight); {@code null} when the route is gone
     * @param alarmStates the state of each listed alarm that exists (name to {@code OK}, {@code ALARM} or
     *     {@code INSUFFICIENT_DATA}); a listed alarm missing here does not exist
     */
    public Decision decide(
            RolloutTerms rollout,
            Instant now,
            Map<String, Integer> liveWeights,
            Observation observation,
            Map<String, String> alarmStates) {
        List<String> firing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String alarm : rollout.alarms()) {
            String state = alarmStates.get(alarm);
            if (state == null) {
                missing.add(alarm);
            } else if (ALARM.equals(state)) {
                firing.add(alarm);
            }
        }
        if (!firing.isEmpty()) {
            return new Decision(
                    DecisionKind.ROLLBACK,
                    "alarm " + String.join(", ", firing) + " in ALARM",
                    rollout.rollbackWeights(),
                    null);
        }
        if (!missing.isEmpty()) {
            return new Decision(
                    DecisionKind.PAUSE,
                    "alarm " + String.join(", ", missing) + " does not exist; create it or abort and restart the"
                            + " rollout without it",
                    null,
                    null);
        }

        Map<String, Integer> live = liveWeights == null ? null : nonZero(liveWeights);
        Map<String, Integer> expected = nonZero(rollout.expectedWeights());
        if (!expected.equals(live)) {
            if (live != null
                    && rollout.previousWeights() != null
                    && nonZero(rollout.previousWeights()).equals(live)) {
                return new Decision(
                        DecisionKind.REPUBLISH,
                        "live weights " + live + " are the previous step's; publishing step " + (rollout.step() + 1)
                                + "'s " + expected + " again",
                        rollout.expectedWeights(),
                        null);
            }
            String reason = live == null
                    ? "route " + rollout.route() + " is gone (removed by hand); expected " + expected
                    : "edited by hand: live " + live + ", expected " + expected;
            return new Decision(DecisionKind.PAUSE, reason, null, null);
        }

        Thresholds limits = rollout.thresholds();
        if (observation.requests() < limits.minRequests()) {
            return new Decision(
                    DecisionKind.HOLD,
                    "too few requests: " + observation.requests() + " canary requests since " + rollout.stepStartedAt()
                            + ", at least " + limits.minRequests() + " needed",
                    null,
                    null);
        }
        if (observation.errors() * 100.0 > limits.maxErrorRatePercent() * observation.requests()) {
            return new Decision(
                    DecisionKind.ROLLBACK,
                    "error rate " + percent(observation.errors() * 100.0 / observation.requests()) + " ("
                            + observation.errors() + " of " + observation.requests() + ") above "
                            + percent(limits.maxErrorRatePercent()),
                    rollout.rollbackWeights(),
                    null);
        }
        Double p99 = observation.p99Ms();
        if (limits.maxP99Ms() != null && p99 != null && p99 > limits.maxP99Ms()) {
            return new Decision(
                    DecisionKind.ROLLBACK,
                    "p99 latency " + millis(p99) + " above " + millis(limits.maxP99Ms()),
                    rollout.rollbackWeights(),
                    null);
        }
        Double baselineP99 = observation.baselineP99Ms(limits.minRequests());
        if (limits.maxLatencyRatio() != null
                && p99 != null
                && baselineP99 != null
                && p99 > limits.maxLatencyRatio() * baselineP99) {
            return new Decision(
                    DecisionKind.ROLLBACK,
                    "p99 latency " + millis(p99) + " above " + number(limits.maxLatencyRatio()) + " x the baseline's "
                            + millis(baselineP99),
                    rollout.rollbackWeights(),
                    baselineP99);
        }

        Duration inStep = Duration.between(rollout.stepStartedAt(), now);
        if (inStep.compareTo(rollout.stepInterval()) < 0) {
            return new Decision(
                    DecisionKind.HOLD,
                    "healthy; " + (rollout.lastStep() ? "completes" : "next step due") + " at "
                            + rollout.nextDecisionDue(),
                    null,
                    baselineP99);
        }
        if (rollout.lastStep() || rollout.nextWeights() == null) {
            return new Decision(
                    DecisionKind.COMPLETE,
                    "healthy for " + inStep.toSeconds() + " s at the last step (" + rollout.percent() + "%)",
                    null,
                    baselineP99);
        }
        int next = rollout.steps().get(rollout.step() + 1);
        return new Decision(
                DecisionKind.ADVANCE,
                "healthy for " + inStep.toSeconds() + " s at " + rollout.percent() + "%; advancing to " + next + "%",
                rollout.nextWeights(),
                baselineP99);
    }

    private static Map<String, Integer> nonZero(Map<String, Integer> weights) {
        Map<String, Integer> kept = new TreeMap<>();
        weights.forEach((target, weight) -> {
            if (weight != null && weight != 0) {
                kept.put(target, weight);
            }
        });
        return kept;
    }

    private static String percent(double value) {
        return number(value) + "%";
    }

    private static String millis(double value) {
        return number(value) + " ms";
    }

    private static String number(double value) {
        return value == Math.rint(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }
}
