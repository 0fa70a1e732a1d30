package dev.lambdarouter.localstack.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What one synchronous invocation returned: the response payload, or, when {@code failed} (Lambda's
 * {@code X-Amz-Function-Error: Unhandled}), the runtime's error document with its {@code errorType} (e.g.
 * {@code Sandbox.Timedout}; {@code null} when unknown).
 */
public record InvocationResult(String requestId, byte[] payload, boolean failed, String errorType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String TIMED_OUT = "Sandbox.Timedout";

    /** A failure with the runtime's error document (its {@code errorType} is read from it). */
    static InvocationResult failure(String requestId, byte[] errorDocument) {
        String errorType;
        try {
            errorType = JSON.readTree(errorDocument).path("errorType").textValue();
        } catch (IOException notJson) {
            errorType = null;
        }
        return new InvocationResult(requestId, errorDocument, true, errorType);
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
                .getBytes(StandardCharsets.UTF_8);
    }

    public boolean timedOut() {
        return TIMED_OUT.equals(errorType);
    }
}
