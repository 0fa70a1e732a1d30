package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Deciding allocates nothing when the decision takes nothing from the request: such decisions are built once per
 * route and pick, and served to every request; a route whose path template captures parameters still decides with
 * each request's own parameters. And the target picker asks each target's availability once, and draws nothing when
 * there is nothing to choose.
 */
class DecisionReuseTest {
    private static final String FIXED =
            "{\"name\":\"fixed\",\"priority\":1,\"match\":{\"paths\":[{\"exact\":\"/health\"}]},"
                    + "\"fixedResponse\":{\"status\":200,\"contentType\":\"text/plain\",\"body\":\"ok\"}}";
    private static final String WEIGHTED =
            "{\"name\":\"weighted\",\"priority\":2,\"match\":{\"paths\":[{\"prefix\":\"/w\"}]},"
                    + "\"targets\":[{\"function\":\"a\",\"weight\":1},{\"function\":\"b\",\"weight\":1},"
                    + "{\"function\":\"c\",\"weight\":1}],\"fallback\":\"spare\"}";
    private static final String TEMPLATE = "{\"name\":\"template\",\"priority\":3,"
            + "\"match\":{\"paths\":[{\"template\":\"/orders/{id}\"}]},"
            + "\"targets\":[{\"function\":\"o\",\"weight\":1}]}";

    private final RoutingTable table = table(FIXED, WEIGHTED, TEMPLATE);

    @Test
    void aFixedResponseIsOneDecisionForEveryRequest() {
        Optional<RouteDecision> first = table.route(get("a.io", "/health").build(), new SplittableRandom(1));
        Optional<RouteDecision> second = table.route(get("b.io", "/health").build(), new SplittableRandom(2));
        assertInstanceOf(RouteDecision.Fixed.class, first.orElseThrow());
        assertSame(first, second);
    }

    @Test
    void aDispatchWithoutPathParametersIsOneDecisionPerTargetAndPick() {
        RandomGenerator random = new SplittableRandom(7);
        List<Optional<RouteDecision>> seen = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Optional<RouteDecision> decision = table.route(get("a.io", "/w").build(), random);
            if (seen.stream().noneMatch(d -> d.equals(decision))) {
                seen.add(decision);
            } else {
                assertSame(
                        seen.stream()
                                .filter(d -> d.equals(decision))
                                .findFirst()
                                .orElseThrow(),
                        decision);
            }
        }
        assertEquals(3, seen.size(), "one decision per target");
        Optional<RouteDecision> fallback = table.route(get("a.io", "/w").build(), random, f -> false);
        assertEquals(
                "spare",
                assertInstanceOf(RouteDecision.Fallback.class, fallback.orElseThrow())
                        .function());
        assertSame(fallback, table.route(get("a.io", "/w").build(), random, f -> false));
    }

    @Test
    void aTemplateRouteDecidesWithEachRequestsParameters() {
        RouteDecision first = table.route(get("a.io", "/orders/1").build(), new SplittableRandom(1))
                .orElseThrow();
        RouteDecision second = table.route(get("a.io", "/orders/2").build(), new SplittableRandom(1))
                .orElseThrow();
        assertEquals(
                Map.of("id", "1"),
                assertInstanceOf(RouteDecision.Dispatch.class, first).pathParameters());
        assertEquals(
                Map.of("id", "2"),
                assertInstanceOf(RouteDecision.Dispatch.class, second).pathParameters());
        assertNotSame(first, second);
    }

    @Test
    void routeAndDecideGiveTheSameDecision() {
        Route weighted = table.routes().get(1);
        RoutingRequest request = get("a.io", "/w").build();
        for (long seed = 0; seed < 20; seed++) {
            assertSame(
                    table.route(request, new SplittableRandom(seed)).orElseThrow(),
                    weighted.decide(request, new SplittableRandom(seed), f -> true));
        }
    }

    @Test
    void eachTargetsAvailabilityIsAskedOnce() {
        List<String> asked = new ArrayList<>();
        Predicate<String> bUnavailable = function -> {
            asked.add(function);
            return !function.equals("b");
        };
        RouteDecision decision = table.route(get("a.io", "/w").build(), new SplittableRandom(3), bUnavailable)
                .orElseThrow();
        assertEquals(List.of("a", "b", "c"), asked);
        String function = TestTables.dispatched(decision);
        assertTrue(function.equals("a") || function.equals("c"), function);
    }

    @Test
    void aSingleTargetIsChosenWithoutADraw() {
        RandomGenerator noDraws = () -> {
            throw new AssertionError("drew a random number for a single target");
        };
        RouteDecision decision = table.route(get("a.io", "/orders/9").build(), noDraws, f -> true)
                .orElseThrow();
        assertEquals("o", TestTables.dispatched(decision));
    }
}
