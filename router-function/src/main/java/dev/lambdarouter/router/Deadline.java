package dev.lambdarouter.router;

import java.time.Duration;

/**
 * The time a worker call may take: the route's timeout, but never past the router's own remaining time nor the
 * load balancer's idle timeout (after which the ALB has already answered 504 to the client).
 */
final class Deadline {

    private Deadline() {}

    static Duration effectiveTimeout(Duration routeTimeout, Duration routerBudget, Duration albBudget) {
        Duration shortest = routeTimeout;
        if (routerBudget.compareTo(shortest) < 0) {
            shortest = routerBudget;
        }
        if (albBudget.compareTo(shortest) < 0) {
            shortest = albBudget;
        }
        return shortest;
    }
}
