package dev.lambdarouter.rollout;

import dev.lambdarouter.store.RolloutDocument;
import java.time.Duration;
import java.util.List;

/** A running rollout document as {@link RolloutTerms}: its thresholds and the weights of the neighbouring steps. */
final class DocumentTerms {

    private DocumentTerms() {}

    static Thresholds thresholds(RolloutDocument doc) {
        return new Thresholds(doc.maxErrorRatePercent(), doc.maxP99Ms(), doc.maxLatencyRatio(), doc.minRequests());
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
