package dev.lambdarouter.engine;

import java.util.List;
import java.util.Optional;

/**
 * A route's criteria checked against one request in the router's order (host first, then methods, paths, headers,
 * query, source CIDRs), up to and including the first that failed, as the router stops there.
 *
 * @param route  the route
 * @param checks the criteria evaluated: all of them when the route matches; empty for a route without criteria
 */
public record RouteCheck(Route route, List<CriterionCheck> checks) {
    public RouteCheck {
        checks = List.copyOf(checks);
    }

    /** Whether every criterion held: the route matches the request. */
    public boolean matched() {
        return firstFailed().isEmpty();
    }

    /** The criterion that ruled the route out, if one did. */
    public Optional<CriterionCheck> firstFailed() {
        return checks.stream().filter(check -> !check.held()).findFirst();
    }
}
