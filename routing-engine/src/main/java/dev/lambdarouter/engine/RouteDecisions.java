package dev.lambdarouter.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The decisions one route can make, built once with the route, so that deciding allocates nothing when nothing in
 * the decision comes from the request: a fixed response, the no-healthy-target answer, and for a route without path
 * parameters every (target, pick method) dispatch and the fallback. A route whose path templates capture parameters
 * builds its dispatch and fallback decisions with each request's parameters (the pick stays allocation-free).
 * Decisions are immutable records, so one instance serves every request and thread; each is also held wrapped in an
 * {@link Optional} for {@link RoutingTable#route}.
 */
final class RouteDecisions {
    private final Route route;
    /** {@code null} for a fixed response. */
    private final Forward forward;
    /** {@code null} for a fixed response. */
    private final TargetSelector selector;
    /** Whether decisions carry path parameters: then dispatches and the fallback are built per request. */
    private final boolean capturesParameters;

    /** The decision of a fixed response; else the fallback or no-healthy-target decision (without parameters). */
    private final RouteDecision fixedOrUnavailable;

    private final Optional<RouteDecision> fixedOrUnavailableOptional;
    /** Prebuilt dispatches by the selector's choice; none when the route captures parameters or is fixed. */
    private final RouteDecision[] dispatches;

    private final Optional<RouteDecision>[] dispatchOptionals;

    @SuppressWarnings("unchecked")
    RouteDecisions(Route route, RouteAction action, RouteMatcher matcher) {
        this.route = route;
        this.capturesParameters = matcher.capturesParameters();
        if (action instanceof FixedResponse fixed) {
            this.forward = null;
            this.selector = null;
            this.fixedOrUnavailable = new RouteDecision.Fixed(route, fixed);
            this.dispatches = new RouteDecision[0];
        } else {
            this.forward = (Forward) action;
            this.selector = forward.selector();
            this.fixedOrUnavailable = unavailable(Map.of());
            this.dispatches = new RouteDecision[capturesParameters ? 0 : selector.choices()];
            for (int choice = 0; choice < dispatches.length; choice++) {
                dispatches[choice] = selector.canChoose(choice) ? dispatch(choice, Map.of()) : null;
            }
        }
        this.fixedOrUnavailableOptional = Optional.of(fixedOrUnavailable);
        this.dispatchOptionals = new Optional[dispatches.length];
        for (int choice = 0; choice < dispatches.length; choice++) {
            dispatchOptionals[choice] = Optional.ofNullable(dispatches[choice]);
        }
    }

    /** What {@link Route#decide} returns. */
    RouteDecision decide(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        if (forward == null) {
            return fixedOrUnavailable;
        }
        int choice = selector.select(request, random, available);
        if (!capturesParameters) {
            return choice == TargetSelector.NONE ? fixedOrUnavailable : dispatches[choice];
        }
        return withParameters(choice, request);
    }

    /** {@link #decide} wrapped, without wrapping anew when the decision is prebuilt. */
    Optional<RouteDecision> decideOptional(
            RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        if (forward == null) {
            return fixedOrUnavailableOptional;
        }
        int choice = selector.select(request, random, available);
        if (!capturesParameters) {
            return choice == TargetSelector.NONE ? fixedOrUnavailableOptional : dispatchOptionals[choice];
        }
        return Optional.of(withParameters(choice, request));
    }

    private RouteDecision withParameters(int choice, RoutingRequest request) {
        if (choice == TargetSelector.NONE && forward.fallback().isEmpty()) {
            return fixedOrUnavailable; // no healthy target: the decision carries no parameters
        }
        Map<String, String> pathParameters = route.matcher.pathParameters(request.path());
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
