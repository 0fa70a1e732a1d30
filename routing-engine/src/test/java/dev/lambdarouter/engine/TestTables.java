package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;

/** Compiles tables from route JSON for tests, and routes requests through them. */
final class TestTables {
    static final String ORIGIN = "/lambda-router/test/routes/main";

    private TestTables() {}

    /** A table from one source holding the given route objects. */
    static RoutingTable table(String... routeJson) {
        try {
            return RoutingTable.compile(
                    "v1", List.of(new RouteParameter(ORIGIN, "[" + String.join(",", routeJson) + "]")));
        } catch (ConfigValidationException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A route with one target named after the route, matching {@code matchJson} (a JSON object or null). */
    static String route(String name, int priority, String matchJson) {
        return "{\"name\":\"" + name + "\",\"priority\":" + priority
                + (matchJson == null ? "" : ",\"match\":" + matchJson)
                + ",\"targets\":[{\"function\":\"fn-" + name + "\",\"weight\":1}]}";
    }

    /** The name of the route {@code request} is routed to, or null. */
    static String routedName(RoutingTable table, TestRequests request) {
        return table.route(request.build(), new SplittableRandom(1))
                .map(d -> d.route().name())
                .orElse(null);
    }

    /** The route's action, which must be a {@link Forward}. */
    static Forward forward(Route route) {
        return assertInstanceOf(Forward.class, route.action());
    }

    /** The function a decision dispatches to, which must be a {@link RouteDecision.Dispatch}. */
    static String dispatched(RouteDecision decision) {
        return assertInstanceOf(RouteDecision.Dispatch.class, decision).target().function();
    }

    /** The problems reported for a table built from the given sources' JSON (origin name, json pairs). */
    static List<String> problems(RouteParameter... sources) {
        return assertThrows(ConfigValidationException.class, () -> RoutingTable.compile("v1", List.of(sources)))
                .problems();
    }

    /** The problems reported for one source holding {@code json}. */
    static List<String> problems(String json) {
        return problems(new RouteParameter(ORIGIN, json));
    }
}
