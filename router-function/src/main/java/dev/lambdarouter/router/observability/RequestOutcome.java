package dev.lambdarouter.router.observability;

/**
 * What happened to one request, for the request log line and metrics. Fields are null when not reached
 * (e.g. no route for a 404). {@code attempts} counts worker invocations (0 when none was made); {@code fallback}
 * is true when the route's fallback served because every target's circuit was open; {@code pick} says how the
 * target was picked ({@link dev.lambdarouter.engine.PickMethod#label()}: {@code weighted}, {@code sticky:header},
 * {@code sticky:cookie}, {@code sticky:source-ip}, {@code fallback}, {@code single} or {@code fixed});
 * {@code fault} is what the route's fault injection did to the request, or null when nothing.
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
        String problem,
        int attempts,
        boolean fallback,
        String pick,
        InjectedFault fault) {}
