package dev.lambdarouter.engine;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A validated, compiled route: what it matches and its one {@link RouteAction}. Immutable; obtained from
 * {@link RoutingTable#routes()} or a {@link RouteDecision}.
 */
public final class Route {
    private final String name;
    private final int priority;
    final RouteMatcher matcher;
    private final RouteAction action;
    private final String origin;
    private final RouteDecisions decisions;

    Route(String name, int priority, RouteMatcher matcher, RouteAction action, String origin) {
        this.name = name;
        this.priority = priority;
        this.matcher = matcher;
        this.action = action;
        this.origin = origin;
        this.decisions = new RouteDecisions(this, action, matcher);
    }

    /** Unique name within the table. */
    public String name() {
        return name;
    }

    /** 0..1000000; lower values take precedence, ties are broken by name. */
    public int priority() {
        return priority;
    }

    /** What the route does with a request it matches. */
    public RouteAction action() {
        return action;
    }

    /** The route parameter (or file) this route was read from. */
    public String origin() {
        return origin;
    }

    /**
     * Whether every criterion of this route matches {@code request}, evaluated on this route alone (no index).
     * {@link RoutingTable#route} picks the first route in {@link RoutingTable#routes()} order for which this holds;
     * a linear scan with this method is the reference the index is measured against.
     */
    public boolean matches(RoutingRequest request) {
        return matcher.matches(request);
    }

    /**
     * The decision for a request this route matched ({@link #matches}): what {@link RoutingTable#route} returns once
     * it has found this route. Public so that a route found another way (a linear scan, as a baseline) is decided
     * the same way.
     */
    public RouteDecision decide(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        return decisions.decide(request, random, available);
    }

    /**
     * {@link #decide} as {@link RoutingTable#route} returns it: the same decision, wrapped; a decision that takes
     * nothing from the request (see {@link RouteDecisions}) comes prebuilt and prewrapped.
     */
    Optional<RouteDecision> decideOptional(
            RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        return decisions.decideOptional(request, random, available);
    }

    @Override
    public String toString() {
        return "Route{" + name + ", priority=" + priority + ", " + action + ", origin=" + origin + "}";
    }
}
