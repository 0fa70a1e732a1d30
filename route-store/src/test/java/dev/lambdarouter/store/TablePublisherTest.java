package dev.lambdarouter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TablePublisherTest {
    private static final String ORDERS = """
        [
          {
            "name": "orders",
            "priority": 100,
            "match": {"paths": [{"prefix": "/orders"}]},
            "targets": [
              {"function": "orders-v1", "weight": 90},
              {"function": "orders-v2", "weight": 10}
            ]
          },
          {"name": "health", "priority": 1, "match": {"paths": [{"exact": "/health"}]}, "fixedResponse": {"status": 200}}
        ]
        """;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_800_000_000_000L), ZoneOffset.UTC);

    @RegisterExtension
    static final ParameterStore ssm = new ParameterStore();

    private RoutingTableStore table;
    private String parameter;

    @BeforeEach
    void seed() {
        table = new RoutingTableStore(ssm.client(), ssm.layout());
        parameter = ssm.layout().routeParameter("orders");
        ssm.put(parameter, ORDERS);
        ssm.put(ssm.layout().versionParameter(), "7");
    }

    private static Map<String, Integer> weights(Object... functionsAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < functionsAndWeights.length; i += 2) {
            weights.put((String) functionsAndWeights[i], (Integer) functionsAndWeights[i + 1]);
        }
        return weights;
    }

    @Test
    void publishWeightsWritesTheRouteThenBumpsTheVersionLast() {
        int before = ssm.puts().size();

        PublishResult result = new TablePublisher(table, CLOCK)
                .publishWeights("orders", weights("orders-v1", 50, "orders-v2", 50), false);

        PublishResult.Published published = assertInstanceOf(PublishResult.Published.class, result, result::toString);
        assertEquals(
                List.of(parameter, ssm.layout().versionParameter()),
                ssm.puts().subList(before, ssm.puts().size()));
        assertEquals(weights("orders-v1", 50, "orders-v2", 50), RouteWeights.current(table.readRoutes(), "orders"));
        assertEquals(Optional.of("1800000000000"), ssm.value(ssm.layout().versionParameter()));
        assertEquals(Optional.of("7"), published.previousVersion());
        assertEquals(2, published.routes());
        List<String> lines = published.describe();
        assertTrue(lines.get(0).startsWith("writing to endpoint http://127.0.0.1:"), lines.toString());
        assertTrue(lines.get(1).startsWith("updated " + parameter + " ("), lines.toString());
        assertTrue(lines.get(1).endsWith("standard tier): changed orders; parameter version 2"), lines.toString());
        assertEquals("set " + ssm.layout().versionParameter() + ": 7 -> 1800000000000", lines.get(2));
        // the other route of the parameter, and the formatting, are kept
        assertTrue(ssm.value(parameter).orElseThrow().contains("\"fixedResponse\": {\"status\": 200}"));
    }

    @Test
    void weightsThatAreAlreadyThereWriteNothing() {
        int before = ssm.puts().size();

        PublishResult result = new TablePublisher(table).publishWeights("orders", weights("orders-v1", 90), false);

        assertEquals(
                new PublishResult.Unchanged(
                        "nothing to change: route 'orders' (" + parameter + ") already has these weights"),
                result);
        assertEquals(before, ssm.puts().size());
    }

    @Test
    void aTargetIsAddedOnlyWhenAsked() {
        TablePublisher publisher = new TablePublisher(table);
        RouteEditException refused = assertThrows(
                RouteEditException.class, () -> publisher.publishWeights("orders", weights("orders-v3", 5), false));
        assertEquals(RouteEditException.Reason.UNKNOWN_TARGET, refused.reason());
        assertEquals("route 'orders' has no target orders-v3 (targets: orders-v1, orders-v2)", refused.getMessage());

        PublishResult added =
                publisher.publishWeights("orders", weights("orders-v1", 95, "orders-v2", 0, "orders-v3", 5), true);

        assertInstanceOf(PublishResult.Published.class, added, added::toString);
        assertEquals(
                weights("orders-v1", 95, "orders-v2", 0, "orders-v3", 5),
                RouteWeights.current(table.readRoutes(), "orders"));
    }

    @Test
    void aMissingRouteIsAnExceptionNamingWhereItLookedAndWhatThereIs() {
        RouteNotFoundException e = assertThrows(
                RouteNotFoundException.class,
                () -> new TablePublisher(table).publishWeights("payments", weights("orders-v1", 1), false));

        assertEquals(
                "no route 'payments' under " + ssm.layout().routesPath() + "/ (routes: health, orders)",
                e.getMessage());
        assertEquals("payments", e.route());
    }

    @Test
    void aTableTheRoutersWouldRejectIsNotWritten() {
        ssm.put(ssm.layout().allowedFunctionsParameter(), "orders-v1,orders-v2");
        int before = ssm.puts().size();

        PublishResult result = new TablePublisher(table).publishWeights("orders", weights("canary", 5), true);

        PublishResult.Rejected rejected = assertInstanceOf(PublishResult.Rejected.class, result, result::toString);
        assertTrue(
                rejected.problems().get(0).contains("target function 'canary' is not an allowed function"),
                rejected.toString());
        assertEquals("allowlist " + ssm.layout().allowedFunctionsParameter() + ": 2 functions", rejected.allowlist());
        assertEquals("rejected, nothing written: 1 problem", rejected.describe().get(0));
        assertEquals(before, ssm.puts().size());
        assertEquals(Optional.of(ORDERS), ssm.value(parameter));
        assertTrue(!result.succeeded());
    }

    @Test
    void routesThatChangedSinceTheyWereReadAreAConflictAndNothingIsWritten() {
        SortedMap<String, String> read = table.readRoutes();
        ssm.put(ssm.layout().routeParameter("other"), "[]");
        int before = ssm.puts().size();
        String edited = ORDERS.replace("\"weight\": 90", "\"weight\": 80");

        PublishResult result =
                new TablePublisher(table).publish(read, Map.of(parameter, edited), ParameterTier.STANDARD, false);

        PublishResult.Conflict conflict = assertInstanceOf(PublishResult.Conflict.class, result, result::toString);
        assertTrue(
                conflict.message()
                        .startsWith("conflict: the routes under " + ssm.layout().routesPath()),
                conflict.message());
        assertEquals(before, ssm.puts().size());
    }

    @Test
    void aDryRunSaysWhatItWouldWriteAndWritesNothing() {
        int before = ssm.puts().size();

        PublishResult result = new TablePublisher(table)
                .publishWeights("orders", weights("orders-v2", 20), false, ParameterTier.STANDARD, true);

        PublishResult.DryRun dryRun = assertInstanceOf(PublishResult.DryRun.class, result, result::toString);
        assertEquals(before, ssm.puts().size());
        assertTrue(
                dryRun.describe().get(1).startsWith("would update " + parameter),
                dryRun.describe().toString());
        assertEquals(
                "dry run: nothing written; the table with 2 route(s) is valid",
                dryRun.describe().get(3));
    }

    @Test
    void currentWeightsFollowTheEnginesDefaultOfOne() {
        SortedMap<String, String> routes = new java.util.TreeMap<>(Map.of(
                "/p/routes/a",
                "{\"name\": \"a\", \"priority\": 1, \"match\": {\"paths\": [{\"prefix\": \"/\"}]}, \"targets\": [{\"function\": \"f\"},"
                        + " {\"function\": \"g\", \"weight\": 3}]}"));

        assertEquals(weights("f", 1, "g", 3), RouteWeights.current(routes, "a"));
        RouteNotFoundException e = assertThrows(RouteNotFoundException.class, () -> RouteWeights.current(routes, "b"));
        assertEquals("no route 'b' (routes: a)", e.getMessage());
    }
}
