package dev.lambdarouter.engine;

import java.util.Map;
import java.util.Objects;

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
 * percent-decoded; empty when the route matched by another path kind.
 */
public sealed interface RouteDecision {

    /** The first route (in precedence order) that matched. */
    Route route();

    record Fixed(Route route, FixedResponse response) implements RouteDecision {
        public Fixed {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(response, "response");
        }
    }

    record Dispatch(Route route, Forward forward, Target target, Map<String, String> pathParameters)
            implements RouteDecision {
        public Dispatch {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(forward, "forward");
            Objects.requireNonNull(target, "target");
            pathParameters = Map.copyOf(pathParameters);
        }
    }

    record Fallback(Route route, Forward forward, String function, Map<String, String> pathParameters)
            implements RouteDecision {
        public Fallback {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(forward, "forward");
            Objects.requireNonNull(function, "function");
            pathParameters = Map.copyOf(pathParameters);
        }
    }

    record NoHealthyTarget(Route route, Forward forward) implements RouteDecision {
        public NoHealthyTarget {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(forward, "forward");
        }
    }
}
