package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutObservation;
import dev.lambdarouter.store.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code routes rollout status} for one rollout: state, step, weights, last observation vs thresholds, when next. */
final class RolloutStatusReport {
    private RolloutStatusReport() {}

    /**
     * The report's lines.
     *
     * @param live the route's live weights; empty when the route is gone
     * @param now  for "next decision due" (overdue or not)
     */
    static List<String> lines(RolloutDocument d, Optional<Map<String, Integer>> live, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("route " + d.route() + ": " + d.state().label() + ", step " + (d.step() + 1) + " of "
                + d.steps().size() + " (" + d.percent() + "% to " + d.canary() + ", steps " + d.steps()
                + ") since " + d.stepStartedAt() + "; revision " + d.revision());
        lines.add("  reason: " + d.reason());
        lines.add("  expected weights: " + RolloutSession.describe(d.expectedWeights()));
        if (live.isEmpty()) {
            lines.add("  live weights: the route is gone");
        } else if (!live.get().equals(d.expectedWeights())) {
            lines.add("  live weights: " + RolloutSession.describe(live.get()) + " (differ from the expected"
                    + (d.state() == RolloutState.RUNNING ? "; the controller pauses the rollout" : "") + ")");
        } else {
            lines.add("  live weights: as expected");
        }
        lines.add("  baseline: " + RolloutSession.describe(d.baseline()) + " (restored by a rollback or an abort)");
        lines.add("  thresholds: " + thresholds(d));
        RolloutObservation o = d.lastObservation();
        if (o == null) {
            lines.add("  last observation: none yet");
        } else {
            lines.add("  last observation at " + o.at() + " (window from " + o.windowStart() + "): " + observed(d, o));
            lines.add("    decision: " + o.decision() + " (" + o.reason() + ")");
        }
        lines.add("  next decision: " + next(d, now));
        lines.add("  history (newest last):");
        for (RolloutEvent event : d.history()) {
            lines.add("    " + event.at() + " " + event.event().label() + ", step " + (event.step() + 1) + ": "
                    + RolloutSession.describe(event.weights()) + " (" + event.reason() + ")");
        }
        return lines;
    }

    private static String thresholds(RolloutDocument d) {
        List<String> parts = new ArrayList<>();
        parts.add("error rate <= " + number(d.maxErrorRatePercent()) + "%");
        if (d.maxP99Ms() != null) {
            parts.add("p99 <= " + number(d.maxP99Ms()) + " ms");
        }
        if (d.maxLatencyRatio() != null) {
            parts.add("p99 <= " + number(d.maxLatencyRatio()) + " x the baseline's");
        }
        parts.add("at least " + d.minRequests() + " canary requests per step");
        parts.add("step interval " + RolloutKnobs.format(d.stepIntervalSeconds()));
        parts.add("alarms: " + (d.alarms().isEmpty() ? "none" : String.join(", ", d.alarms())));
        return String.join("; ", parts);
    }

    private static String observed(RolloutDocument d, RolloutObservation o) {
        StringBuilder text = new StringBuilder();
        text.append(o.requests())
                .append(" canary requests (min ")
                .append(d.minRequests())
                .append("), ");
        text.append(o.errors()).append(" errors");
        if (o.errorRatePercent() != null) {
            text.append(" = ")
                    .append(number(o.errorRatePercent()))
                    .append("% (max ")
                    .append(number(d.maxErrorRatePercent()))
                    .append("%)");
        }
        text.append(", p99 ").append(o.p99Ms() == null ? "n/a" : number(o.p99Ms()) + " ms");
        if (d.maxP99Ms() != null) {
            text.append(" (max ").append(number(d.maxP99Ms())).append(" ms)");
        }
        text.append("; baseline ")
                .append(o.baselineRequests())
                .append(" requests, p99 ")
                .append(o.baselineP99Ms() == null ? "n/a" : number(o.baselineP99Ms()) + " ms");
        if (d.maxLatencyRatio() != null && o.baselineP99Ms() != null && o.p99Ms() != null && o.baselineP99Ms() > 0) {
            text.append(" (canary/baseline ")
                    .append(number(o.p99Ms() / o.baselineP99Ms()))
                    .append(", max ")
                    .append(number(d.maxLatencyRatio()))
                    .append(')');
        }
        return text.toString();
    }

    private static String next(RolloutDocument d, Instant now) {
        if (d.state() == RolloutState.PAUSED) {
            return "none while paused ('routes rollout resume --route " + d.route() + "' continues this step)";
        }
        if (!d.active()) {
            return "none: the rollout is " + d.state().label();
        }
        Instant due = d.stepStartedAt().plusSeconds(d.stepIntervalSeconds());
        String then = d.lastStep()
                ? "completes"
                : "advances to step " + (d.step() + 2) + " (" + d.steps().get(d.step() + 1) + "%)";
        String when = due.isAfter(now) ? "due at " + due : "due since " + due + " (at the controller's next run)";
        return then + " " + when + " if healthy and with at least " + d.minRequests()
                + " canary requests; the controller checks every run and rolls back as soon as a threshold is crossed";
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }
}
