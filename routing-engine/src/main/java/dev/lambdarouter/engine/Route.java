package dev.lambdarouter.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A validated, compiled route. Immutable; obtained from {@link RoutingTable#routes()} or a {@link RouteDecision}. */
public final class Route {
    private final String name;
    private final int priority;
    private final DispatchMode mode;
    private final List<Target> targets;
    private final Duration timeout;
    private final Optional<FixedResponse> fixedResponse;
    private final String origin;
    private final RetryPolicy retryPolicy;
    private final Optional<String> fallback;
    private final Optional<Mirror> mirror;
    private final AsyncEventPolicy asyncEvent;
    final RouteMatcher matcher;
    final TargetSelector selector;

    Route(
            String name,
            int priority,
            DispatchMode mode,
            List<Target> targets,
            Duration timeout,
            FixedResponse fixedResponse,
            String origin,
            RetryPolicy retryPolicy,
            String fallback,
            Mirror mirror,
            AsyncEventPolicy asyncEvent,
            RouteMatcher matcher,
            TargetSelector selector) {
        this.name = name;
        this.priority = priority;
        this.mode = mode;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.fixedResponse = Optional.ofNullable(fixedResponse);
        this.origin = origin;
        this.retryPolicy = retryPolicy;
        this.fallback = Optional.ofNullable(fallback);
        this.mirror = Optional.ofNullable(mirror);
        this.asyncEvent = asyncEvent;
        this.matcher = matcher;
        this.selector = selector;
    }

    /** Unique name within the table. */
    public String name() {
        return name;
    }

    /** 0..1000000; lower values take precedence, ties are broken by name. */
    public int priority() {
        return priority;
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

    /** The response the router answers itself instead of dispatching (maintenance mode), if configured. */
    public Optional<FixedResponse> fixedResponse() {
        return fixedResponse;
    }

    /** How invocations of this route are retried ({@link RetryPolicy#DEFAULT} unless configured). */
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
     * Which client headers are removed from the events this route sends with Event invoke: its async dispatches
     * and its mirror copies ({@link AsyncEventPolicy#DEFAULT} unless configured).
     */
    public AsyncEventPolicy asyncEvent() {
        return asyncEvent;
    }

    /** The SSM parameter (source) this route was read from. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "Route{" + name + ", priority=" + priority + ", mode=" + mode + ", targets=" + targets + ", origin="
                + origin + "}";
    }
}
