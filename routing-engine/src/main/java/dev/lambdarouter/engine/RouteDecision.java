package dev.lambdarouter.engine;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of routing one request.
 *
 * @param route          the first route (in precedence order) that matched
 * @param target         the chosen target; {@code null} when the route has a fixed response, or when the
 *                       caller's availability filter left no target (see
 *                       {@link RoutingTable#route(RoutingRequest, java.util.random.RandomGenerator,
 *                       java.util.function.Predicate)})
 * @param pathParameters values captured by the {@code {name}} segments of the matching path template,
 *                       percent-decoded; empty when the route matched by another path kind
 */
public record RouteDecision(Route route, Target target, Map<String, String> pathParameters) {
    public RouteDecision {
        Objects.requireNonNull(route, "route");
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
    }
}
