package dev.lambdarouter.router.testing;

/**
 * One Invoke call as {@link FakeLambdaServer} received it.
 *
 * @param functionName the {@code FunctionName} path parameter, URL-decoded, exactly as the client sent it (name,
 *     {@code name:alias} or ARN)
 * @param function the bare function name taken from it
 * @param qualifier the alias or version, from the name or from {@code ?Qualifier=}; null when there is none
 * @param invocationType {@code RequestResponse}, {@code Event} or {@code DryRun}
 * @param payload the request body
 * @param requestId the {@code x-amzn-RequestId} the server answered with
 * @param traceHeader the {@code X-Amzn-Trace-Id} HTTP header of the call (Lambda continues this trace), or null
 */
public record ReceivedInvocation(
        String functionName,
        String function,
        String qualifier,
        String invocationType,
        byte[] payload,
        String requestId,
        String traceHeader) {

    /** The payload as UTF-8 text. */
    public String payloadText() {
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
}
