package dev.lambdarouter.router.problem;

/** Stops request processing with a problem answer. Carries no stack trace: it is control flow, not a bug. */
public final class ProblemException extends Exception {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
