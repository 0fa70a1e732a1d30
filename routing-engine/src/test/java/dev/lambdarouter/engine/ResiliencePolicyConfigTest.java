package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestTables.dispatched;
import static dev.lambdarouter.engine.TestTables.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Retry policy, fallback and mirror configuration, and selection that skips unavailable targets. */
class ResiliencePolicyConfigTest {

    private static RoutingTable compile(String json) throws ConfigValidationException {
        return RoutingTable.compile("1", List.of(new RouteParameter("/p/routes/r", json)));
    }

    private static List<String> problems(String json) {
        return assertThrows(ConfigValidationException.class, () -> compile(json))
                .problems();
    }

    private static final RoutingRequest REQUEST =
            new RoutingRequest("GET", "api.example.com", "/orders/1", Map.of(), Map.of(), null);

    @Test
    void defaultsApplyWhenAbsent() throws Exception {
        Route route = compile("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":1}]}""").routes().get(0);
        Forward forward = forward(route);
        assertEquals(RetryPolicy.DEFAULT, forward.retryPolicy());
        assertEquals(Optional.empty(), forward.fallback());
        assertEquals(Optional.empty(), forward.mirror());
    }

    @Test
    void readsRetryFallbackAndMirror() throws Exception {
        Route route = compile("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":1}],
         "retry":{"maxAttempts":3,"functionErrors":"always","baseDelayMs":20,"maxDelayMs":500},
         "fallback":"static-fallback","mirror":{"function":"shadow:live","percent":12.5}}""").routes().get(0);
        Forward forward = forward(route);
        assertEquals(
                new RetryPolicy(
                        3, RetryPolicy.FunctionErrorRetry.ALWAYS, Duration.ofMillis(20), Duration.ofMillis(500)),
                forward.retryPolicy());
        assertEquals(Optional.of("static-fallback"), forward.fallback());
        assertEquals(Optional.of(new Mirror("shadow:live", 12.5)), forward.mirror());
    }

    @Test
    void rejectsBadPolicies() {
        List<String> problems = problems("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":1}],
         "retry":{"maxAttempts":9,"functionErrors":"sometimes","baseDelayMs":0,"maxDelayMs":99999},
         "fallback":"not a function!","mirror":{"function":"shadow","percent":150}}""");
        String all = String.join("\n", problems);
        assertTrue(all.contains("retry.maxAttempts 9"), all);
        assertTrue(all.contains("retry.functionErrors 'sometimes'"), all);
        assertTrue(all.contains("retry.baseDelayMs 0"), all);
        assertTrue(all.contains("retry.maxDelayMs"), all);
        assertTrue(all.contains("fallback 'not a function!'"), all);
        assertTrue(all.contains("mirror.percent"), all);
        assertTrue(problems.stream().allMatch(p -> p.startsWith("/p/routes/r: route 'r': ")), all);
    }

    @Test
    void rejectsUnknownRetryFields() {
        assertTrue(String.join("\n", problems("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":1}],"retry":{"attempts":2}}""")).contains("attempts"));
    }

    @Test
    void selectionSkipsUnavailableTargetsInProportionToTheRest() throws Exception {
        RoutingTable table = compile("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":50},{"function":"b","weight":30},
         {"function":"c","weight":20}]}""");
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String fn =
                    dispatched(table.route(REQUEST, random, f -> !f.equals("a")).orElseThrow());
            counts.merge(fn, 1, Integer::sum);
        }
        assertEquals(Set.of("b", "c"), counts.keySet());
        double bShare = counts.get("b") / 20_000.0;
        assertEquals(0.6, bShare, 0.02, "b keeps its weight relative to c (30:20)");
    }

    @Test
    void noAvailableTargetDecidesTheFallback() throws Exception {
        RoutingTable table = compile("""
        {"name":"r","priority":1,"match":{"paths":[{"template":"/orders/{id}"}]},
         "targets":[{"function":"a","weight":1}],"fallback":"fb"}""");
        RouteDecision decision =
                table.route(REQUEST, new SplittableRandom(1), f -> false).orElseThrow();
        RouteDecision.Fallback fallback = assertInstanceOf(RouteDecision.Fallback.class, decision);
        assertEquals("fb", fallback.function());
        assertEquals(PickMethod.FALLBACK, fallback.pick());
        assertEquals("r", fallback.route().name());
        assertEquals(Map.of("id", "1"), fallback.pathParameters());
    }

    @Test
    void noAvailableTargetWithoutFallbackDecidesNoHealthyTarget() throws Exception {
        RoutingTable table = compile("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":1}]}""");
        RouteDecision decision =
                table.route(REQUEST, new SplittableRandom(1), f -> false).orElseThrow();
        assertEquals(
                "r",
                assertInstanceOf(RouteDecision.NoHealthyTarget.class, decision)
                        .route()
                        .name());
    }

    @Test
    void stickyKeysOfAnUnavailableTargetMoveAndComeBack() throws Exception {
        RoutingTable table = compile("""
        {"name":"r","priority":1,"targets":[{"function":"a","weight":1},{"function":"b","weight":1},
         {"function":"c","weight":1}],"stickiness":{"type":"header","name":"x-user"}}""");
        SplittableRandom random = new SplittableRandom(1);
        int moved = 0;
        int onA = 0;
        for (int i = 0; i < 3000; i++) {
            RoutingRequest r = new RoutingRequest("GET", "h", "/", Map.of("x-user", List.of("u" + i)), Map.of(), null);
            String healthy = dispatched(table.route(r, random).orElseThrow());
            String degraded =
                    dispatched(table.route(r, random, f -> !f.equals("a")).orElseThrow());
            if (!healthy.equals(degraded)) {
                moved++;
                assertEquals("a", healthy, "only keys of the unavailable target move");
            }
            if (healthy.equals("a")) {
                onA++;
            }
            assertEquals(healthy, dispatched(table.route(r, random, f -> true).orElseThrow()));
        }
        assertEquals(onA, moved);
    }
}
