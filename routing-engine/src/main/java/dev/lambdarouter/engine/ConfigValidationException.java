package dev.lambdarouter.engine;

import java.util.List;

/**
 * A routing configuration was rejected as a whole. {@link #problems()} lists every problem found, each naming the
 * origin (SSM parameter) and, where known, the route.
 */
public final class ConfigValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigValidationException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order the sources and routes were read. Never empty. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one problem");
        }
        StringBuilder message = new StringBuilder("routing configuration rejected, ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        return message.toString();
    }
}
