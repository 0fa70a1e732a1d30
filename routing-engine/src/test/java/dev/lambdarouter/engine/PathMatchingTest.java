package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestTables.route;
import static dev.lambdarouter.engine.TestTables.routedName;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PathMatchingTest {
    private static RoutingTable onePath(String kind, String pattern) {
        return table(route("r", 1, "{\"paths\":[{\"" + kind + "\":\"" + pattern + "\"}]}"));
    }

    private static boolean matches(RoutingTable table, String path) {
        return routedName(table, get("h.io", path)) != null;
    }

    @Nested
    class Exact {
        private final RoutingTable table = onePath("exact", "/health");

        @Test
        void matchesTheSamePath() {
            assertTrue(matches(table, "/health"));
        }

        @Test
        void rejectsOtherPaths() {
            assertFalse(matches(table, "/health/"));
            assertFalse(matches(table, "/healthz"));
            assertFalse(matches(table, "/Health"));
            assertFalse(matches(table, "/"));
        }

        @Test
        void rootPathMatchesOnlyRoot() {
            RoutingTable root = onePath("exact", "/");
            assertTrue(matches(root, "/"));
            assertFalse(matches(root, "/a"));
        }
    }

    @Nested
    class Prefix {
        private final RoutingTable table = onePath("prefix", "/orders");

        @Test
        void matchesThePrefixItselfAndPathsBelowIt() {
            assertTrue(matches(table, "/orders"));
            assertTrue(matches(table, "/orders/"));
            assertTrue(matches(table, "/orders/1"));
            assertTrue(matches(table, "/orders/1/items"));
        }

        @Test
        void respectsSegmentBoundaries() {
            assertFalse(matches(table, "/ordersX"));
            assertFalse(matches(table, "/orders-old/1"));
            assertFalse(matches(table, "/order"));
            assertFalse(matches(table, "/api/orders"));
        }

        @Test
        void prefixEndingInSlashMatchesOnlyPathsBelowIt() {
            RoutingTable slash = onePath("prefix", "/orders/");
            assertTrue(matches(slash, "/orders/"));
            assertTrue(matches(slash, "/orders/1"));
            assertFalse(matches(slash, "/orders"));
            assertFalse(matches(slash, "/ordersX"));
        }

        @Test
        void rootPrefixMatchesEverything() {
            RoutingTable root = onePath("prefix", "/");
            assertTrue(matches(root, "/"));
            assertTrue(matches(root, "/anything/at/all"));
        }

        @Test
        void multiSegmentPrefix() {
            RoutingTable deep = onePath("prefix", "/api/v2");
            assertTrue(matches(deep, "/api/v2/users"));
            assertFalse(matches(deep, "/api/v20"));
            assertFalse(matches(deep, "/api/v1/users"));
        }
    }

    @Nested
    class Glob {
        @Test
        void singleStarStaysWithinOneSegment() {
            RoutingTable table = onePath("glob", "/files/*.txt");
            assertTrue(matches(table, "/files/a.txt"));
            assertTrue(matches(table, "/files/.txt"));
            assertFalse(matches(table, "/files/dir/a.txt"));
            assertFalse(matches(table, "/files/a.txt.bak"));
        }

        @Test
        void doubleStarSpansZeroOrMoreSegments() {
            RoutingTable table = onePath("glob", "/static/**/*.css");
            assertTrue(matches(table, "/static/site.css"));
            assertTrue(matches(table, "/static/a/site.css"));
            assertTrue(matches(table, "/static/a/b/c/site.css"));
            assertFalse(matches(table, "/static/a/b/site.js"));
            assertFalse(matches(table, "/assets/site.css"));
        }

        @Test
        void trailingDoubleStarMatchesEverythingBelow() {
            RoutingTable table = onePath("glob", "/docs/**");
            assertTrue(matches(table, "/docs"));
            assertTrue(matches(table, "/docs/"));
            assertTrue(matches(table, "/docs/a/b"));
            assertFalse(matches(table, "/docsX"));
        }

        @Test
        void questionMarkMatchesExactlyOneCharacterButNotSlash() {
            RoutingTable table = onePath("glob", "/v?/status");
            assertTrue(matches(table, "/v1/status"));
            assertFalse(matches(table, "/v10/status"));
            assertFalse(matches(table, "/v/status"));
            assertFalse(matches(table, "/v//status"));
        }

        @Test
        void leadingWildcardSegmentIsNotIndexedAwayFromAnyFirstSegment() {
            RoutingTable table = onePath("glob", "/*/health");
            assertTrue(matches(table, "/orders/health"));
            assertTrue(matches(table, "/users/health"));
            assertFalse(matches(table, "/users/x/health"));
        }

        @Test
        void starsBacktrackWithinASegment() {
            RoutingTable table = onePath("glob", "/a*b*c");
            assertTrue(matches(table, "/abbbc"));
            assertTrue(matches(table, "/axbxbxc"));
            assertFalse(matches(table, "/axbxcx"));
        }

        @Test
        void doubleStarBacktracksAcrossSegments() {
            RoutingTable table = onePath("glob", "/**/x/**/y");
            assertTrue(matches(table, "/x/y"));
            assertTrue(matches(table, "/a/x/b/x/c/y"));
            assertFalse(matches(table, "/a/x/b/z"));
        }
    }

    @Nested
    class Template {
        private final RoutingTable table = onePath("template", "/orders/{orderId}/items/{itemId}");

        private Map<String, String> parameters(RoutingTable t, String path) {
            RouteDecision decision =
                    t.route(get("h.io", path).build(), new SplittableRandom(1)).orElseThrow();
            return ((RouteDecision.Dispatch) decision).pathParameters();
        }

        @Test
        void capturesOneSegmentPerParameter() {
            assertEquals(Map.of("orderId", "42", "itemId", "7"), parameters(table, "/orders/42/items/7"));
        }

        @Test
        void capturedValuesArePercentDecoded() {
            assertEquals(
                    Map.of("orderId", "a b", "itemId", "é/x"), parameters(table, "/orders/a%20b/items/%C3%A9%2Fx"));
        }

        @Test
        void requiresTheSameNumberOfSegments() {
            assertFalse(matches(table, "/orders/42/items"));
            assertFalse(matches(table, "/orders/42/items/7/extra"));
            assertFalse(matches(table, "/orders/42/items/7/"));
        }

        @Test
        void parameterDoesNotMatchAnEmptySegment() {
            assertFalse(matches(table, "/orders//items/7"));
        }

        @Test
        void literalSegmentsMustBeEqual() {
            assertFalse(matches(table, "/orders/42/lines/7"));
            assertFalse(matches(table, "/order/42/items/7"));
        }

        @Test
        void templateStartingWithAParameterMatchesAnyFirstSegment() {
            RoutingTable tenant = onePath("template", "/{tenant}/orders");
            assertEquals(Map.of("tenant", "acme"), parameters(tenant, "/acme/orders"));
            assertFalse(matches(tenant, "/acme/users"));
        }

        @Test
        void nonTemplateRoutesHaveNoPathParameters() {
            assertEquals(Map.of(), parameters(onePath("prefix", "/orders"), "/orders/42"));
        }

        @Test
        void parametersComeFromTheTemplateThatMatched() {
            RoutingTable two =
                    table(route("r", 1, "{\"paths\":[{\"template\":\"/a/{x}\"},{\"template\":\"/b/{y}\"}]}"));
            assertEquals(Map.of("y", "2"), parameters(two, "/b/2"));
        }
    }

    @Test
    void anyEntryOfThePathListMayMatch() {
        RoutingTable table = table(route("r", 1, "{\"paths\":[{\"exact\":\"/health\"},{\"prefix\":\"/orders\"}]}"));
        assertTrue(matches(table, "/health"));
        assertTrue(matches(table, "/orders/1"));
        assertFalse(matches(table, "/users"));
    }

    @Test
    void pathWithoutLeadingSlashMatchesOnlyRoutesWithoutPathCriterion() {
        RoutingTable table = table(route("prefix", 1, "{\"paths\":[{\"prefix\":\"/\"}]}"), route("all", 2, null));
        assertEquals("all", routedName(table, get("h.io", "*")));
        assertNull(routedName(table(route("prefix", 1, "{\"paths\":[{\"prefix\":\"/\"}]}")), get("h.io", "*")));
    }
}
