package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What {@link RoutingTable#explain} says, in the terms an operator reads. */
class RoutingExplanationTest {
    private static final String CANARY =
            "{\"name\":\"canary\",\"priority\":10,\"match\":{\"hosts\":[\"*.example.com\"],"
                    + "\"paths\":[{\"prefix\":\"/orders\"}],\"headers\":[{\"name\":\"x-canary\",\"exact\":\"1\"}]},"
                    + "\"targets\":[{\"function\":\"v2\",\"weight\":1}]}";
    private static final String ADMIN =
            "{\"name\":\"admin\",\"priority\":5,\"match\":{\"hosts\":[\"admin.example.com\"]},"
                    + "\"fixedResponse\":{\"status\":503}}";
    private static final String ORDERS =
            "{\"name\":\"orders\",\"priority\":100,\"match\":{\"methods\":[\"GET\",\"HEAD\"],"
                    + "\"paths\":[{\"template\":\"/orders/{id}\"},{\"exact\":\"/orders\"}]},"
                    + "\"targets\":[{\"function\":\"v1\",\"weight\":90},{\"function\":\"v2\",\"weight\":10},"
                    + "{\"function\":\"v3\",\"weight\":0}],\"stickiness\":{\"type\":\"header\",\"name\":\"X-User-Id\"},"
                    + "\"fallback\":\"sorry\"}";

    @Test
    void listsEachRoutesCriteriaUpToTheFirstThatFailed() {
        RoutingTable table = table(CANARY, ADMIN, ORDERS);

        RoutingExplanation explanation =
                table.explain(get("shop.example.com", "/orders/42").build(), new SplittableRandom(1), f -> true);

        assertEquals("orders", explanation.winner().orElseThrow().name());
        List<RouteCheck> routes = explanation.routes();
        assertEquals(
                List.of("admin", "canary", "orders"),
                routes.stream().map(c -> c.route().name()).toList());
        assertEquals(
                List.of(new CriterionCheck("hosts", "admin.example.com", false)),
                routes.get(0).checks());
        assertEquals(
                List.of(
                        new CriterionCheck("hosts", "*.example.com", true),
                        new CriterionCheck("paths", "prefix /orders", true),
                        new CriterionCheck("headers", "x-canary exact 1", false)),
                routes.get(1).checks());
        assertEquals(
                List.of(
                        new CriterionCheck("methods", "GET or HEAD", true),
                        new CriterionCheck("paths", "template /orders/{id} or exact /orders", true)),
                routes.get(2).checks());
        assertTrue(routes.get(2).matched());
    }

    @Test
    void aWeightedPickShowsTheRangesAndTheDraw() {
        RoutingTable table = table(ORDERS);

        RoutingExplanation explanation =
                table.explain(get("h", "/orders").build(), new SplittableRandom(7), f -> !f.equals("v2"));

        TargetPick.Weighted pick =
                assertInstanceOf(TargetPick.Weighted.class, explanation.pick().orElseThrow());
        assertEquals(
                List.of(
                        new TargetPick.Share(new Target("v1", 90), true, 0, 90),
                        new TargetPick.Share(new Target("v2", 10), false, 90, 90)),
                pick.shares());
        assertEquals(90, pick.total());
        assertEquals("header x-user-id", pick.stickyKeyless().orElseThrow().toString());
        assertTrue(pick.draw().isPresent());
        RouteDecision.Dispatch dispatch = assertInstanceOf(
                RouteDecision.Dispatch.class, explanation.decision().orElseThrow());
        assertEquals("v1", dispatch.target().function());
    }

    @Test
    void aStickyPickShowsTheKeyAndTheRendezvousOrder() {
        RoutingTable table = table(ORDERS);
        TestRequests request = get("h", "/orders/1").header("x-user-id", "alice");

        TargetPick.Sticky all = assertInstanceOf(
                TargetPick.Sticky.class,
                table.explain(request.build(), new SplittableRandom(1), f -> true)
                        .pick()
                        .orElseThrow());
        String first = all.order().get(0).target().function();
        RoutingExplanation withFirstOpen =
                table.explain(request.build(), new SplittableRandom(1), f -> !f.equals(first));
        TargetPick.Sticky moved =
                assertInstanceOf(TargetPick.Sticky.class, withFirstOpen.pick().orElseThrow());

        assertEquals(new TargetPick.StickySource("header", "x-user-id"), all.source());
        assertEquals("alice", all.key());
        assertEquals(2, all.order().size(), "weight 0 is not in the order: " + all);
        assertEquals(all.order().get(0).target(), all.chosen().orElseThrow());
        assertEquals(all.order().get(1).target(), moved.chosen().orElseThrow());
        assertEquals(
                moved.chosen().orElseThrow(),
                assertInstanceOf(
                                RouteDecision.Dispatch.class,
                                withFirstOpen.decision().orElseThrow())
                        .target());
    }

    @Test
    void everyCircuitOpenGivesTheFallbackAndNoChoice() {
        RoutingExplanation explanation =
                table(ORDERS).explain(get("h", "/orders").build(), new SplittableRandom(1), f -> false);

        TargetPick.Weighted pick =
                assertInstanceOf(TargetPick.Weighted.class, explanation.pick().orElseThrow());
        assertEquals(OptionalLong.empty(), pick.draw());
        assertTrue(pick.chosen().isEmpty());
        assertEquals(
                "sorry",
                assertInstanceOf(
                                RouteDecision.Fallback.class,
                                explanation.decision().orElseThrow())
                        .function());
    }

    @Test
    void noRouteExplainsEveryCandidate() {
        RoutingExplanation explanation = table(CANARY, ORDERS)
                .explain(get("shop.example.com", "/reports").build(), new SplittableRandom(1), f -> true);

        assertTrue(explanation.decision().isEmpty());
        assertEquals(
                List.of("paths", "paths"),
                explanation.routes().stream()
                        .map(c -> c.firstFailed().orElseThrow().criterion())
                        .toList());
    }
}
