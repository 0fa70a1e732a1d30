package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.FaultPolicy;
import dev.lambdarouter.engine.Mirror;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.observability.RouterTracer.DispatchSpan;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One request's dispatch, as the {@link DispatchPipeline} receives it: where to send what, and the route's policies.
 *
 * @param route       the route's name (for tracing and the {@code 202} body)
 * @param target      the function to invoke (a target, or the route's fallback)
 * @param mode        sync (the worker's answer is the response) or async (Event invoke, {@code 202})
 * @param payload     the worker event (not copied; do not change it afterwards)
 * @param timeout     how long the whole dispatch may take, retries included
 * @param retryPolicy the route's retry policy
 * @param idempotent  whether the request's method may be repeated after a function error
 * @param mirror      the route's shadow function and the share of requests it gets, if any
 * @param shadowEvent the worker event for a shadow function (built only for a sampled request)
 * @param fault       the route's fault injection, when it concerns this call (its target and header limits hold)
 * @param random      the request's randomness (mirror sampling, backoff jitter)
 * @param span        the dispatch's trace span (its trace header is in {@code payload}), ended by the pipeline
 */
public record DispatchCall(
        String route,
        String target,
        DispatchMode mode,
        byte[] payload,
        Duration timeout,
        RetryPolicy retryPolicy,
        boolean idempotent,
        Optional<Mirror> mirror,
        Function<String, byte[]> shadowEvent,
        Optional<FaultPolicy> fault,
        RandomGenerator random,
        DispatchSpan span) {

    public DispatchCall {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(shadowEvent, "shadowEvent");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(span, "span");
    }

    /** This call with what is left of its time. */
    DispatchCall withTimeout(Duration remaining) {
        return new DispatchCall(
                route,
                target,
                mode,
                payload,
                remaining,
                retryPolicy,
                idempotent,
                mirror,
                shadowEvent,
                fault,
                random,
                span);
    }

    /** The invocation that one attempt sends. */
    Invocation invocation() {
        return new Invocation(target, mode, payload, timeout);
    }
}
