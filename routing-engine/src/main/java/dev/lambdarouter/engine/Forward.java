package dev.lambdarouter.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A route action: invoke one of the route's targets, picked by weight (and stickiness, when configured). */
public final class Forward implements RouteAction {
    private final DispatchMode mode;
    private final List<Target> targets;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;
    private final Optional<String> fallback;
    private final Optional<Mirror> mirror;
    private final AsyncEventPolicy asyncEvent;
    private final Optional<FaultPolicy> fault;
    private final TargetSelector selector;

    Forward(
            DispatchMode mode,
            List<Target> targets,
            Stickiness stickiness,
            Duration timeout,
            RetryPolicy retryPolicy,
            String fallback,
            Mirror mirror,
            AsyncEventPolicy asyncEvent,
            FaultPolicy fault) {
        this.mode = mode;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.retryPolicy = retryPolicy;
        this.fallback = Optional.ofNullable(fallback);
        this.mirror = Optional.ofNullable(mirror);
        this.asyncEvent = asyncEvent;
        this.fault = Optional.ofNullable(fault);
        this.selector = new TargetSelector(this.targets, stickiness);
    }

    public DispatchMode mode() {
        return mode;
    }

    /** All configured targets, including those with weight 0, in configuration order. */
    public List<Target> targets() {
        return targets;
    }

    /** How long the router waits for a sync worker. */
    public Duration timeout() {
        return timeout;
    }

    /** How invocations are retried ({@link RetryPolicy#DEFAULT} unless configured). */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The function that serves when no target is available (every circuit open), if configured. */
    public Optional<String> fallback() {
        return fallback;
    }

    /** The shadow function receiving copies of a share of requests, if configured. */
    public Optional<Mirror> mirror() {
        return mirror;
    }

    /**
     * Which client headers are removed from the events sent with Event invoke: async dispatches and mirror copies
     * ({@link AsyncEventPolicy#DEFAULT} unless configured).
     */
    public AsyncEventPolicy asyncEvent() {
        return asyncEvent;
    }

    /** The route's fault injection (abort, delay), if configured; off otherwise. */
    public Optional<FaultPolicy> fault() {
        return fault;
    }

    /**
     * The target the router picks for a request whose sticky key is {@code key} while every target is available (the
     * route's own rendezvous selection; for a route without stickiness, the pick it would make if it had one). For
     * tools that measure how many sticky clients a change of weights moves. Empty when no target has a positive
     * weight.
     */
    public Optional<Target> stickyTarget(String key) {
        return Optional.ofNullable(selector.stickyPick(key));
    }

    /** The route's target picker, which {@link RouteDecisions} decides with. */
    TargetSelector selector() {
        return selector;
    }

    /** How the target picker chose (or would choose) for {@code request}; see {@link TargetSelector#explain}. */
    TargetPick explainPick(RoutingRequest request, Predicate<String> available, java.util.OptionalLong draw) {
        return selector.explain(request, available, draw);
    }

    @Override
    public String toString() {
        return "Forward{mode=" + mode + ", targets=" + selector + "}";
    }
}
