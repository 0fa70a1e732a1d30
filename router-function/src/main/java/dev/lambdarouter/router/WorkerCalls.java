package dev.lambdarouter.router;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.Forward;
import dev.lambdarouter.router.alb.AlbRequest;
import dev.lambdarouter.router.alb.WorkerEventBuilder;
import dev.lambdarouter.router.dispatch.DispatchCall;
import dev.lambdarouter.router.observability.RouterTracer;
import dev.lambdarouter.router.observability.RouterTracer.DispatchSpan;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;
import java.time.Duration;
import java.util.Set;

/**
 * The worker call for one request: the worker event, whether the method may be repeated, and the time the call may
 * take: the route's timeout, but never past the router's own remaining time nor the load balancer's idle timeout
 * (after which the ALB has already answered 504), each less a margin to answer the ALB after a worker timeout.
 */
final class WorkerCalls {

    /** Time kept back from the router's own deadline to answer the ALB after a worker timeout. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);

    /** Methods whose requests may be repeated after a worker's function error (RFC 9110 idempotent methods). */
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private final WorkerEventBuilder events;
    private final Duration albIdleTimeout;
    private final Randomness randomness;
    private final RouterTracer tracer;

    WorkerCalls(WorkerEventBuilder events, Duration albIdleTimeout, Randomness randomness, RouterTracer tracer) {
        this.events = events;
        this.albIdleTimeout = albIdleTimeout;
        this.randomness = randomness;
        this.tracer = tracer;
    }

    /**
     * The call of {@code target} for {@code request} on the route named {@code route}, forwarding as {@code forward}
     * says; a 504 problem when no time is left. Starts the dispatch's trace span: the worker events (the target's
     * and any shadow's) carry its trace header.
     */
    DispatchCall call(AlbRequest request, String route, Forward forward, String target, Duration remainingTime)
            throws ProblemException {
        Duration timeout =
                shortest(forward.timeout(), remainingTime.minus(ANSWER_MARGIN), albIdleTimeout.minus(ANSWER_MARGIN));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ProblemException(Problem.timeout("The router ran out of time before invoking the worker."));
        }
        DispatchSpan span = tracer.startDispatch(route, target, Exchange.modeName(forward.mode()));
        String traceHeader = span.traceHeader();
        return new DispatchCall(
                route,
                target,
                forward.mode(),
                events.build(request, route, target, forward.mode(), forward.asyncEvent(), traceHeader),
                timeout,
                forward.retryPolicy(),
                IDEMPOTENT_METHODS.contains(request.routing().method()),
                forward.mirror(),
                shadow -> events.build(request, route, shadow, DispatchMode.ASYNC, forward.asyncEvent(), traceHeader),
                forward.fault().filter(fault -> fault.appliesTo(target, request.routing())),
                randomness.forRequests(),
                span);
    }

    private static Duration shortest(Duration a, Duration b, Duration c) {
        Duration ab = a.compareTo(b) <= 0 ? a : b;
        return ab.compareTo(c) <= 0 ? ab : c;
    }
}
