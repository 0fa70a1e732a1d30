package dev.lambdarouter.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@link RolloutRecord}s for the listener tests. */
final class Records {

    static final Instant STARTED = Instant.parse("2026-12-02T10:00:00Z");

    private Records() {}

    static RolloutRecord of(DecisionKind kind, RolloutOutcome outcome, String reason, Map<String, Integer> weights) {
        return new RolloutRecord(
                "orders",
                kind == DecisionKind.ROLLBACK ? "rolled-back" : "running",
                2,
                4,
                25,
                new Thresholds(1.0, null, 1.5, 50),
                new Observation(
                        STARTED,
                        STARTED.plusSeconds(300),
                        200,
                        3,
                        120.0,
                        List.of(new TargetSample("orders-v1", 600, 100.0))),
                new Decision(kind, reason, weights, null),
                outcome,
                reason,
                outcome == RolloutOutcome.APPLIED ? weights : null,
                3);
    }
}
