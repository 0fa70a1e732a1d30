package dev.lambdarouter.rollout;

import java.util.Map;

/**
 * What one run did with one rollout, with the numbers it decided on: the log line, the metric and the notification
 * are made from this.
 *
 * @param route       the route
 * @param state       the document's state after the run ({@code running}, {@code paused}, ...; {@code null} when unreadable)
 * @param step        the step (1-based) after the run; 0 when unknown
 * @param steps       how many steps; 0 when unknown
 * @param percent     the canary's percentage at that step; 0 when unknown
 * @param thresholds  the rollout's thresholds, or {@code null}
 * @param observation the metrics the decision was made on, or {@code null} when none were read
 * @param decision    the decision, or {@code null} when none was made
 * @param outcome     what became of it
 * @param detail      why, in words (the decision's reason, or what failed)
 * @param weights     the weights published, or {@code null}
 * @param revision    the document's revision after the run
 */
public record RolloutRecord(
        String route,
        String state,
        int step,
        int steps,
        int percent,
        Thresholds thresholds,
        Observation observation,
        Decision decision,
        RolloutOutcome outcome,
        String detail,
        Map<String, Integer> weights,
        long revision) {

    /**
     * What the route saw happen: the decision when it was applied, a pause when its publish failed (and then
     * paused the rollout), nothing otherwise. A re-publish of the current step counts as the advance it completes.
     */
    public DecisionKind effect() {
        return switch (outcome) {
            case APPLIED -> decision.kind() == DecisionKind.REPUBLISH ? DecisionKind.ADVANCE : decision.kind();
            case PUBLISH_FAILED -> DecisionKind.PAUSE;
            case STALE, SKIPPED, FAILED -> null;
        };
    }
}
