package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import java.util.List;

/**
 * The naive baseline of a routing decision: every compiled route of a table in precedence order, the first whose
 * criteria all match ({@link Route#matches}) wins. Same semantics as {@link RoutingTable#route}'s match, without its
 * index by host and path segments.
 */
final class LinearScan {
    private final Route[] routes;

    LinearScan(RoutingTable table) {
        List<Route> ordered = table.routes();
        this.routes = ordered.toArray(new Route[0]);
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
