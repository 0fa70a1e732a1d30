package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The naive baseline of a routing decision: every compiled route of a table in precedence order, the first whose
 * criteria all match ({@link Route#matches}) wins and decides ({@link Route#decide}). Same semantics as
 * {@link RoutingTable#route}, without its index by host and path segments.
 */
final class LinearScan {
    private final Route[] routes;

    LinearScan(RoutingTable table) {
        List<Route> ordered = table.routes();
        this.routes = ordered.toArray(new Route[0]);
    }

    /** Like {@link RoutingTable#route(RoutingRequest, RandomGenerator, Predicate)}, by scanning every route. */
    Optional<RouteDecision> route(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        Route winner = firstMatch(request);
        return winner == null ? Optional.empty() : Optional.of(winner.decide(request, random, available));
    }

    /** The first route in precedence order that matches {@code request}, or null. */
    Route firstMatch(RoutingRequest request) {
        for (Route route : routes) {
            if (route.matches(request)) {
                return route;
            }
        }
        return null;
    }
}
