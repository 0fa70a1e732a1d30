package dev.lambdarouter.engine;

import java.util.List;

/**
 * A valid routing table names functions outside the {@link FunctionAllowlist}: routers reject it whole, as they do an
 * invalid one. {@link #problems()} names each parameter, route, role and function.
 */
public final class ForbiddenFunctionsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ForbiddenFunctionsException(List<String> problems) {
        // Stackless: a rejected edit is an expected outcome, reported by its problems.
        super(
                problems.size() + (problems.size() == 1 ? " function" : " functions") + " not allowed",
                null,
                false,
                false);
        this.problems = List.copyOf(problems);
    }

    /** One problem per forbidden target, fallback or mirror; never empty. */
    public List<String> problems() {
        return problems;
    }
}
