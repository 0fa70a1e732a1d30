package dev.lambdarouter.store;

import java.util.List;

/** A rollout document that is not JSON, has unknown or missing fields, or values out of range: every problem found. */
public final class RolloutDocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RolloutDocumentException(List<String> problems) {
        super("invalid rollout document: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
