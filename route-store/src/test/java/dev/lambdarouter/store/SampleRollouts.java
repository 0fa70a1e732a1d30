package dev.lambdarouter.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rollout documents for tests. */
final class SampleRollouts {
    static final Instant STARTED = Instant.parse("2026-12-02T10:00:00Z");

    /** The TEAM.md contract's example, as JSON. */
    static final String CONTRACT_EXAMPLE = """
        {
          "schema": 1,
          "route": "orders",
          "canary": "orders-v2",
          "baseline": {"orders-v1": 100},
          "steps": [5, 25, 50, 100],
          "stepIntervalSeconds": 300,
          "maxErrorRatePercent": 1.0,
          "maxP99Ms": null,
          "maxLatencyRatio": 1.5,
          "minRequests": 50,
          "alarms": [],
          "state": "running",
          "step": 0,
          "stepStartedAt": "2026-12-02T10:00:00Z",
          "expectedWeights": {"orders-v1": 95, "orders-v2": 5},
          "revision": 1,
          "reason": "started",
          "lastObservation": null,
          "history": [{"at": "2026-12-02T10:00:00Z", "event": "start", "step": 0,
                       "weights": {"orders-v1": 95, "orders-v2": 5}, "reason": "started"}]
        }
        """;

    private SampleRollouts() {}

    /** A running rollout of {@code route} from {@code v1} to {@code v2}, at its first step (5%), revision 1. */
    static RolloutDocument running(String route) {
        Map<String, Integer> first = Map.of("orders-v1", 95, "orders-v2", 5);
        RolloutDocument blank = new RolloutDocument(
                1,
                route,
                "orders-v2",
                Map.of("orders-v1", 100),
                List.of(5, 25, 50, 100),
                300,
                1.0,
                null,
                1.5,
                50,
                List.of(),
                RolloutState.RUNNING,
                0,
                STARTED,
                first,
                1,
                "started",
                null,
                List.of());
        return blank.transition(RolloutEvent.Kind.START, RolloutState.RUNNING, 0, first, STARTED, "started");
    }
}
