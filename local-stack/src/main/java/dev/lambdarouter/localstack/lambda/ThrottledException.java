package dev.lambdarouter.localstack.lambda;

/**
 * Lambda's {@code TooManyRequestsException}: the function is at its reserved concurrency
 * ({@value #RESERVED_LIMIT}), or every environment the local stack allows stayed busy for the function's whole
 * timeout ({@value #CONCURRENCY_LIMIT}).
 */
public final class ThrottledException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";
    public static final String CONCURRENCY_LIMIT = "ConcurrentInvocationLimitExceeded";

    private final String reason;

    ThrottledException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The {@code Reason} field of Lambda's error body. */
    public String reason() {
        return reason;
    }
}
