package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestTables.forward;
import static dev.lambdarouter.engine.TestTables.route;
import static dev.lambdarouter.engine.TestTables.routedName;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrecedenceTest {
    @Test
    void lowerPriorityValueWins() {
        RoutingTable table = table(
                route("catch-all", 1000, null),
                route("orders", 10, "{\"paths\":[{\"prefix\":\"/orders\"}]}"),
                route(
                        "orders-canary",
                        5,
                        "{\"paths\":[{\"prefix\":\"/orders\"}],"
                                + "\"headers\":[{\"name\":\"x-canary\",\"present\":true}]}"));
        assertEquals("orders-canary", routedName(table, get("h.io", "/orders/1").header("x-canary", "1")));
        assertEquals("orders", routedName(table, get("h.io", "/orders/1")));
        assertEquals("catch-all", routedName(table, get("h.io", "/users")));
    }

    @Test
    void equalPrioritiesAreBrokenByNameAscending() {
        RoutingTable table = table(route("bravo", 7, null), route("charlie", 7, null), route("alpha", 7, null));
        assertEquals("alpha", routedName(table, get("h.io", "/")));
        assertEquals(
                List.of("alpha", "bravo", "charlie"),
                table.routes().stream().map(Route::name).toList());
    }

    @Test
    void decisionDoesNotDependOnSourceOrder() throws ConfigValidationException {
        RoutingTable forward = RoutingTable.compile(
                "v",
                List.of(
                        new RouteParameter("/p/a", route("b", 1, null)),
                        new RouteParameter("/p/b", route("a", 1, null))));
        RoutingTable backward = RoutingTable.compile(
                "v",
                List.of(
                        new RouteParameter("/p/b", route("a", 1, null)),
                        new RouteParameter("/p/a", route("b", 1, null))));
        assertEquals("a", routedName(forward, get("h.io", "/")));
        assertEquals("a", routedName(backward, get("h.io", "/")));
    }

    @Test
    void lowerPriorityRouteInAnotherIndexCellStillWins() {
        RoutingTable table = table(
                route("specific", 50, "{\"hosts\":[\"api.example.com\"],\"paths\":[{\"exact\":\"/orders\"}]}"),
                route("wildcard", 20, "{\"hosts\":[\"*.example.com\"]}"),
                route("any-host", 10, "{\"paths\":[{\"glob\":\"/**/orders\"}]}"));
        assertEquals("any-host", routedName(table, get("api.example.com", "/orders")));
        assertEquals("wildcard", routedName(table, get("api.example.com", "/users")));
    }

    @Test
    void routesAreListedInPrecedenceOrderWithTheirSettings() {
        RoutingTable table = table(
                "{\"name\":\"jobs\",\"priority\":2,\"mode\":\"async\",\"timeoutMs\":2500,"
                        + "\"targets\":[{\"function\":\"report-worker\",\"weight\":3}]}",
                route("first", 1, null));
        assertEquals(2, table.size());
        Route jobs = table.routes().get(1);
        assertEquals("jobs", jobs.name());
        assertEquals(2, jobs.priority());
        assertEquals(DispatchMode.ASYNC, forward(jobs).mode());
        assertEquals(java.time.Duration.ofMillis(2500), forward(jobs).timeout());
        assertEquals(List.of(new Target("report-worker", 3)), forward(jobs).targets());
        assertEquals(TestTables.ORIGIN, jobs.origin());
        assertEquals(DispatchMode.SYNC, forward(table.routes().get(0)).mode());
        assertEquals(
                java.time.Duration.ofSeconds(10), forward(table.routes().get(0)).timeout());
        assertEquals("v1", table.version());
    }

    @Test
    void emptyTableRoutesNothing() {
        RoutingTable empty = RoutingTable.empty("v0");
        assertTrue(
                empty.route(get("h.io", "/").build(), new SplittableRandom(1)).isEmpty());
        assertEquals(0, empty.size());
        assertEquals("v0", empty.version());
    }

    @Test
    void fixedResponseRouteIsDecidedAsFixedEvenWithTargets() {
        RoutingTable table = table("{\"name\":\"maintenance\",\"priority\":1,"
                + "\"targets\":[{\"function\":\"parked\",\"weight\":1}],"
                + "\"fixedResponse\":{\"status\":503,\"contentType\":\"application/json\",\"body\":\"{}\"}}");
        RouteDecision decision =
                table.route(get("h.io", "/").build(), new SplittableRandom(1)).orElseThrow();
        RouteDecision.Fixed fixed = assertInstanceOf(RouteDecision.Fixed.class, decision);
        assertEquals(new FixedResponse(503, "application/json", "{}"), fixed.response());
        assertEquals("maintenance", fixed.route().name());
        assertEquals(PickMethod.FIXED, fixed.pick());
    }
}
