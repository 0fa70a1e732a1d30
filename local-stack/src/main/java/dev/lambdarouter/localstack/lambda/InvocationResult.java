package dev.lambdarouter.localstack.lambda;

/**
 * What one synchronous invocation returned: the response payload, or, when {@link #functionError()} is set
 * ({@code Unhandled}, as in Lambda's {@code X-Amz-Function-Error}), the runtime's error document.
 *
 * @param requestId     the invocation's request id
 * @param payload       the response, or the error document
 * @param functionError {@code null} on success, else {@code Unhandled}
 * @param errorType     the error document's {@code errorType} (e.g. {@code Sandbox.Timedout}), or {@code null}
 */
public record InvocationResult(String requestId, byte[] payload, String functionError, String errorType) {

    public static final String UNHANDLED = "Unhandled";
    /** {@code errorType} of an invocation that ran out of time. */
    public static final String TIMED_OUT = "Sandbox.Timedout";

    static InvocationResult success(String requestId, byte[] payload) {
        return new InvocationResult(requestId, payload, null, null);
    }

    static InvocationResult failure(String requestId, byte[] errorDocument, String errorType) {
        return new InvocationResult(requestId, errorDocument, UNHANDLED, errorType);
    }

    public boolean failed() {
        return functionError != null;
    }

    public boolean timedOut() {
        return TIMED_OUT.equals(errorType);
    }
}
