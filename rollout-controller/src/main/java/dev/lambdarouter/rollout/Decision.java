package dev.lambdarouter.rollout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A decision, why, and the weights it publishes ({@code null} when it publishes none: hold, pause, complete).
 * {@code baselineP99Ms} is the baseline p99 the latency ratio was judged against, when one was.
 */
public record Decision(DecisionKind kind, String reason, Map<String, Integer> publish, Double baselineP99Ms) {

    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        publish = publish == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(publish));
    }
}
