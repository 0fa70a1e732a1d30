package dev.lambdarouter.localstack.lambda;

/** Lambda's {@code TooManyRequestsException}; {@link #reason} is the {@code Reason} field of its error body. */
public final class ThrottledException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The function is at its reserved concurrency. */
    static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";
    /** Every environment the local stack allows stayed busy for the function's whole timeout. */
    static final String CONCURRENCY_LIMIT = "ConcurrentInvocationLimitExceeded";

    public final String reason;

    ThrottledException(String reason, String message) {
        super(message);
        this.reason = reason;
    }
}
