package dev.lambdarouter.engine;

import java.util.List;
import java.util.Optional;

/**
 * Why the routing table decides what it does for one request ({@link RoutingTable#explain}): every route checked in
 * precedence order, the decision itself, and how the target was picked. Built by the engine that routes, from the
 * same compiled criteria, index and target picker, so it cannot disagree with {@link RoutingTable#route}.
 *
 * @param routes   every route of the table in precedence order, with its criteria checked against the request
 * @param decision exactly what {@link RoutingTable#route} returns for the same request, random generator and
 *                 availability; empty when no route matches
 * @param pick     how the target was picked, for a decision of a forwarding route (also when no target was
 *                 available: then {@link TargetPick#chosen()} is empty); empty for a fixed response or no route
 */
public record RoutingExplanation(
        RoutingRequest request, List<RouteCheck> routes, Optional<RouteDecision> decision, Optional<TargetPick> pick) {

    public RoutingExplanation {
        routes = List.copyOf(routes);
    }

    /** The route that wins, if any. */
    public Optional<Route> winner() {
        return decision.map(RouteDecision::route);
    }
}
