package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestRequests.request;
import static dev.lambdarouter.engine.TestTables.route;
import static dev.lambdarouter.engine.TestTables.routedName;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Route#matches}: one route's criteria, host included, evaluated without the table's index. */
class RouteMatchesTest {
    private final RoutingTable table = table(
            route("exact", 10, "{\"hosts\":[\"api.example.com\"],\"paths\":[{\"prefix\":\"/orders\"}]}"),
            route("wildcard", 20, "{\"hosts\":[\"*.example.com\"],\"methods\":[\"GET\"]}"),
            route("header", 30, "{\"headers\":[{\"name\":\"x-canary\",\"exact\":\"1\"}]}"),
            route("any", 40, null));

    private Route named(String name) {
        return table.routes().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void exactHostAndPathMustBothMatch() {
        Route exact = named("exact");
        assertTrue(exact.matches(get("API.example.com", "/orders/1").build()));
        assertFalse(exact.matches(get("shop.example.com", "/orders/1").build()));
        assertFalse(exact.matches(get("api.example.com", "/users").build()));
        assertFalse(exact.matches(get(null, "/orders").build()));
    }

    @Test
    void wildcardHostNeedsAtLeastOneLabelBeforeTheSuffix() {
        Route wildcard = named("wildcard");
        assertTrue(wildcard.matches(get("a.b.example.com", "/").build()));
        assertFalse(wildcard.matches(get("example.com", "/").build()));
        assertFalse(wildcard.matches(get(".example.com", "/").build()));
        assertFalse(wildcard.matches(get("badexample.com", "/").build()));
        assertFalse(wildcard.matches(request("POST", "a.example.com", "/").build()));
    }

    @Test
    void routeWithoutHostCriterionMatchesAMissingHost() {
        assertTrue(named("any").matches(get(null, "/x").build()));
        assertFalse(named("header").matches(get(null, "/x").build()));
        assertTrue(
                named("header").matches(get(null, "/x").header("x-canary", "1").build()));
    }

    @Test
    void firstMatchingRouteInPrecedenceOrderIsTheOneTheTableRoutesTo() {
        List<TestRequests> requests = new ArrayList<>();
        for (String host : Arrays.asList("api.example.com", "x.example.com", "example.com", "other.io", null)) {
            for (String path : List.of("/", "/orders", "/orders/1", "/users")) {
                requests.add(get(host, path));
                requests.add(request("POST", host, path));
                requests.add(request("POST", host, path).header("x-canary", "1"));
            }
        }
        for (TestRequests request : requests) {
            String scanned = table.routes().stream()
                    .filter(r -> r.matches(request.build()))
                    .map(Route::name)
                    .findFirst()
                    .orElse(null);
            assertEquals(routedName(table, request), scanned, request.build().toString());
        }
    }
}
