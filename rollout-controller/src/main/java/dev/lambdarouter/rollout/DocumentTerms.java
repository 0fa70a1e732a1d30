package dev.lambdarouter.rollout;

import dev.lambdarouter.store.RolloutDocument;
import java.time.Duration;
import java.util.List;

/** A running rollout document as {@link RolloutTerms}: its thresholds and the weights of the neighbouring steps. */
final class DocumentTerms {

    /** The latency check when a document names neither {@code maxP99Ms} nor {@code maxLatencyRatio}. */
    static final double DEFAULT_LATENCY_RATIO = 1.5;

    private DocumentTerms() {}

    static Thresholds thresholds(RolloutDocument doc) {
        Double ratio = doc.maxP99Ms() == null && doc.maxLatencyRatio() == null
                ? Double.valueOf(DEFAULT_LATENCY_RATIO)
                : doc.maxLatencyRatio();
        return new Thresholds(doc.maxErrorRatePercent(), doc.maxP99Ms(), ratio, doc.minRequests());
    }

    static RolloutTerms of(RolloutDocument doc) {
        return new RolloutTerms(
                doc.route(),
                doc.canary(),
                doc.steps(),
                doc.step(),
                doc.stepStartedAt(),
                Duration.ofSeconds(doc.stepIntervalSeconds()),
                thresholds(doc),
                doc.alarms() == null ? List.of() : doc.alarms(),
                doc.expectedWeights(),
                doc.step() > 0 ? doc.weightsAtStep(doc.step() - 1) : null,
                doc.lastStep() ? null : doc.weightsAtStep(doc.step() + 1),
                doc.rollbackWeights());
    }
}
