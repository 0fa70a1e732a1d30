package dev.lambdarouter.router.observability;

/**
 * What happened to one request, for the request log line and metrics. Fields are null when not reached
 * (e.g. no route for a 404).
 */
public record RequestOutcome(
        String requestId,
        String method,
        String path,
        String route,
        String target,
        String mode,
        int status,
        long latencyMillis,
        String lambdaRequestId,
        String problem) {
}
