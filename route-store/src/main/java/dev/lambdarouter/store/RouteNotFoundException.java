package dev.lambdarouter.store;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** No route of the given name is defined in the table; the message lists the routes there are. */
public final class RouteNotFoundException extends RouteEditException {
    private static final long serialVersionUID = 1L;

    private final String route;
    private final List<String> routes;

    /**
     * The exception for a missing route.
     *
     * @param routes the names of the routes the table defines
     * @param where  where they were looked for, e.g. {@code /lambda-router/dev/routes/}, or empty
     */
    RouteNotFoundException(String route, SortedSet<String> routes, String where) {
        super(
                Reason.ROUTE_NOT_FOUND,
                "no route '" + route + "'" + (where.isEmpty() ? "" : " under " + where)
                        + (routes.isEmpty() ? " (no routes at all)" : " (routes: " + String.join(", ", routes) + ")"));
        this.route = route;
        this.routes = List.copyOf(routes);
    }

    /** The same, saying where the routes were looked for: {@code no route 'x' under /p/routes/ (routes: a, b)}. */
    public RouteNotFoundException under(String routesPath) {
        return new RouteNotFoundException(route, new TreeSet<>(routes), routesPath + "/");
    }

    public String route() {
        return route;
    }

    /** The names of the routes the table defines, in name order. */
    public List<String> routes() {
        return routes;
    }
}
