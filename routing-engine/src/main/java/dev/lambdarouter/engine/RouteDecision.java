package dev.lambdarouter.engine;

import java.util.Map;

/**
 * The outcome of routing one request that matched {@link #route()}: exactly one of
 *
 * <ul>
 *   <li>{@link Fixed}: the route answers by itself;</li>
 *   <li>{@link Dispatch}: invoke the chosen target;</li>
 *   <li>{@link Fallback}: no target is available (see
 *       {@link RoutingTable#route(RoutingRequest, java.util.random.RandomGenerator, java.util.function.Predicate)}),
 *       the route's fallback function serves;</li>
 *   <li>{@link NoHealthyTarget}: no target is available and the route has no fallback.</li>
 * </ul>
 *
 * Path parameters are the values captured by the {@code {name}} segments of the matching path template,
 * percent-decoded (immutable); empty when the route matched by another path kind. Decisions are made by
 * {@link RoutingTable#route}, never {@code null} in any component.
 */
public sealed interface RouteDecision {

    /** The first route (in precedence order) that matched. */
    Route route();

    record Fixed(Route route, FixedResponse response) implements RouteDecision {
        /** Always {@link PickMethod#FIXED}. */
        public PickMethod pick() {
            return PickMethod.FIXED;
        }
    }

    /** {@code pick} says how {@code target} was chosen: weighted, sticky (and by what) or the only one. */
    record Dispatch(Route route, Forward forward, Target target, Map<String, String> pathParameters, PickMethod pick)
            implements RouteDecision {}

    record Fallback(Route route, Forward forward, String function, Map<String, String> pathParameters)
            implements RouteDecision {
        /** Always {@link PickMethod#FALLBACK}. */
        public PickMethod pick() {
            return PickMethod.FALLBACK;
        }
    }

    record NoHealthyTarget(Route route, Forward forward) implements RouteDecision {}
}
