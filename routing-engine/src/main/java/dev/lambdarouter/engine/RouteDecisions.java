package dev.lambdarouter.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The decisions one route can make, built once with the route, so that deciding allocates nothing when nothing in
 * the decision comes from the request: a fixed response, and every (target, pick method) dispatch, the fallback or
 * the no-healthy-target answer of a route without path parameters. A route whose path templates capture parameters
 * builds each decision with the request's parameters (the pick stays allocation-free). Decisions are immutable
 * records, so one instance serves every request and thread; each is also held wrapped in an {@link Optional} for
 * {@link RoutingTable#route}.
 */
final class RouteDecisions {
    private final Route route;
    /** {@code null} for a fixed response. */
    private final Forward forward;

    private final TargetSelector selector;
    /** Whether decisions carry path parameters: then only {@link #fixed} is prebuilt. */
    private final boolean capturesParameters;
    /** For a fixed response: its decision; else what a route without available target decides (no parameters). */
    private final RouteDecision unavailable;

    private final Optional<RouteDecision> unavailableOptional;
    /** Indexed by the selector's choice; empty when the route captures parameters or answers by itself. */
    private final RouteDecision[] dispatches;

    private final Optional<RouteDecision>[] dispatchOptionals;

    @SuppressWarnings("unchecked")
    RouteDecisions(Route route, RouteAction action, RouteMatcher matcher) {
        this.route = route;
        this.capturesParameters = matcher.capturesParameters();
        if (action instanceof FixedResponse fixed) {
            this.forward = null;
            this.selector = null;
            this.unavailable = new RouteDecision.Fixed(route, fixed);
            this.dispatches = new RouteDecision[0];
        } else {
            this.forward = (Forward) action;
            this.selector = forward.selector();
            this.unavailable = unavailable(Map.of());
            this.dispatches = new RouteDecision[capturesParameters ? 0 : selector.choices()];
            for (int choice = 0; choice < dispatches.length; choice++) {
                dispatches[choice] = selector.canChoose(choice) ? dispatch(choice, Map.of()) : null;
            }
        }
        this.unavailableOptional = Optional.of(unavailable);
        this.dispatchOptionals = new Optional[dispatches.length];
        for (int choice = 0; choice < dispatches.length; choice++) {
            dispatchOptionals[choice] = Optional.ofNullable(dispatches[choice]);
        }
    }

    /** What {@link Route#decide} returns. */
    RouteDecision decide(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        if (forward == null) {
            return unavailable;
        }
        int choice = selector.select(request, random, available);
        if (!capturesParameters) {
            return choice == TargetSelector.NONE ? unavailable : dispatches[choice];
        }
        return withParameters(choice, route.matcher.pathParameters(request.path()));
    }

    /** {@link #decide} wrapped, without wrapping anew when the decision is prebuilt. */
    Optional<RouteDecision> decideOptional(
            RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        if (forward == null) {
            return unavailableOptional;
        }
        int choice = selector.select(request, random, available);
        if (!capturesParameters) {
            return choice == TargetSelector.NONE ? unavailableOptional : dispatchOptionals[choice];
        }
        return Optional.of(withParameters(choice, route.matcher.pathParameters(request.path())));
    }

    private RouteDecision withParameters(int choice, Map<String, String> pathParameters) {
        return choice == TargetSelector.NONE ? unavailable(pathParameters) : dispatch(choice, pathParameters);
    }

    private RouteDecision dispatch(int choice, Map<String, String> pathParameters) {
        return new RouteDecision.Dispatch(
                route, forward, selector.target(choice), pathParameters, selector.pick(choice));
    }

    /** The fallback, if the route has one, else no healthy target. */
    private RouteDecision unavailable(Map<String, String> pathParameters) {
        Optional<String> fallback = forward.fallback();
        if (fallback.isPresent()) {
            return new RouteDecision.Fallback(route, forward, fallback.get(), pathParameters);
        }
        return new RouteDecision.NoHealthyTarget(route, forward);
    }
}
