package dev.lambdarouter.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a rollout is: {@code running} and {@code paused} are active (one active rollout per route); {@code
 * completed}, {@code rolled-back} and {@code aborted} are finished (a new start overwrites the document).
 */
public enum RolloutState {
    RUNNING,
    PAUSED,
    COMPLETED,
    ROLLED_BACK,
    ABORTED;

    /** As written in the document: {@code running}, {@code rolled-back}, ... */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Running or paused: the route has a rollout in progress. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }

    /** The state written as {@code label}; an unknown label throws IllegalArgumentException naming the allowed. */
    @JsonCreator
    public static RolloutState fromLabel(String label) {
        for (RolloutState state : values()) {
            if (state.label().equals(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown state '" + label + "' (allowed: " + labels() + ")");
    }

    static String labels() {
        return Arrays.stream(values()).map(RolloutState::label).collect(Collectors.joining(", "));
    }
}
