package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestTables.route;
import static dev.lambdarouter.engine.TestTables.routedName;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HostMatchingTest {
    private final RoutingTable table = table(
            route("exact", 10, "{\"hosts\":[\"api.example.com\"]}"),
            route("wildcard", 20, "{\"hosts\":[\"*.example.com\"]}"),
            route("mixed-case", 30, "{\"hosts\":[\"Shop.Example.ORG\"]}"));

    @Test
    void exactHostMatchesOnlyThatHost() {
        assertEquals("exact", routedName(table, get("api.example.com", "/")));
    }

    @Test
    void hostComparisonIgnoresCase() {
        assertEquals("exact", routedName(table, get("API.Example.com", "/")));
        assertEquals("mixed-case", routedName(table, get("shop.example.org", "/")));
    }

    @Test
    void wildcardMatchesOneOrMoreLabels() {
        assertEquals("wildcard", routedName(table, get("a.example.com", "/")));
        assertEquals("wildcard", routedName(table, get("a.b.example.com", "/")));
    }

    @Test
    void wildcardDoesNotMatchTheBareDomain() {
        assertNull(routedName(table, get("example.com", "/")));
        assertNull(routedName(table, get(".example.com", "/")));
    }

    @Test
    void wildcardDoesNotMatchALookalikeSuffix() {
        assertNull(routedName(table, get("badexample.com", "/")));
        assertNull(routedName(table, get("a.example.com.evil.net", "/")));
    }

    @Test
    void unknownOrMissingHostMatchesNoHostRoute() {
        assertNull(routedName(table, get("other.net", "/")));
        assertNull(routedName(table, get(null, "/")));
    }

    @Test
    void routeWithoutHostCriterionMatchesAnyHostIncludingMissing() {
        RoutingTable anyHost = table(route("any", 1, null));
        assertEquals("any", routedName(anyHost, get("whatever.io", "/x")));
        assertEquals("any", routedName(anyHost, get(null, "/x")));
    }

    @Test
    void anyEntryOfTheHostListMayMatch() {
        RoutingTable several = table(route("several", 1, "{\"hosts\":[\"a.io\",\"*.b.io\"]}"));
        assertEquals("several", routedName(several, get("a.io", "/")));
        assertEquals("several", routedName(several, get("x.b.io", "/")));
        assertNull(routedName(several, get("b.io", "/")));
    }
}
