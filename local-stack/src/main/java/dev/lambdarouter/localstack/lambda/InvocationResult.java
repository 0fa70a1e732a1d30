package dev.lambdarouter.localstack.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String UNHANDLED = "Unhandled";
    /** {@code errorType} of an invocation that ran out of time. */
    public static final String TIMED_OUT = "Sandbox.Timedout";

    static InvocationResult success(String requestId, byte[] payload) {
        return new InvocationResult(requestId, payload, null, null);
    }

    /** A failure with the runtime's error document (its {@code errorType} is read from it). */
    static InvocationResult failure(String requestId, byte[] errorDocument) {
        return new InvocationResult(requestId, errorDocument, UNHANDLED, errorType(errorDocument));
    }

    /** A platform failure ({@code Sandbox.Timedout}, {@code Runtime.ExitError}): Lambda's message for it. */
    static InvocationResult failure(String requestId, String errorType, String error) {
        return failure(requestId, errorDocument(errorType, "RequestId: " + requestId + " Error: " + error));
    }

    /** An error document without a stack trace (platform errors such as {@code Sandbox.Timedout}). */
    static byte[] errorDocument(String errorType, String errorMessage) {
        return JSON.createObjectNode()
                .put("errorMessage", errorMessage)
                .put("errorType", errorType)
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean failed() {
        return functionError != null;
    }

    public boolean timedOut() {
        return TIMED_OUT.equals(errorType);
    }

    /** The {@code errorType} field of an error document, or {@code null}. */
    private static String errorType(byte[] errorDocument) {
        try {
            return JSON.readTree(errorDocument).path("errorType").textValue();
        } catch (IOException notJson) {
            return null;
        }
    }
}
