package dev.lambdarouter.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One state change of a rollout, as kept in the document's {@code history} (newest last).
 *
 * @param step    the step index (0-based) after the change
 * @param weights the weights the change published or expects (function to weight)
 * @param reason  why, in words (e.g. {@code canary error rate 4.2% > 1.0%})
 */
public record RolloutEvent(Instant at, Kind event, int step, Map<String, Integer> weights, String reason) {

    public RolloutEvent {
        weights = weights == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** What happened. */
    public enum Kind {
        START,
        ADVANCE,
        PAUSE,
        RESUME,
        COMPLETE,
        ROLLBACK,
        ABORT;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind written as {@code label}; an unknown label throws IllegalArgumentException naming the allowed. */
        @JsonCreator
        public static Kind fromLabel(String label) {
            for (Kind kind : values()) {
                if (kind.label().equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown event '" + label + "' (allowed: "
                    + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")) + ")");
        }
    }
}
