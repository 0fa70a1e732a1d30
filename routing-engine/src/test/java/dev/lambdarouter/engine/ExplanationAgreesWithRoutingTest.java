package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Property: over many random tables and requests (seeded; the failing case's seed is printed, and
 * {@code -Dexplain.seed=N} replays a run), {@link RoutingTable#explain} names the same route, decision kind and target
 * as {@link RoutingTable#route} given a generator in the same state and the same open circuits, and its reasons are
 * consistent with that decision: the winner is the first route whose criteria all held, every route ahead of it
 * failed a criterion, and the pick's own terms (draw and ranges, rendezvous order, single target) name the target.
 */
class ExplanationAgreesWithRoutingTest {
    private static final long SEED = Long.getLong("explain.seed", 20261202L);
    private static final int TABLES = 1_000;
    private static final int REQUESTS_PER_TABLE = 16;

    private static final String[] FUNCTIONS = {"f1", "f2", "f3", "f4", "f5"};
    private static final String[] HOSTS = {"shop.example.com", "*.example.com", "api.example.com", "*.io"};
    private static final String[] PATHS = {
        "{\"prefix\":\"/orders\"}",
        "{\"exact\":\"/orders/42\"}",
        "{\"template\":\"/orders/{id}\"}",
        "{\"glob\":\"/static/**\"}",
        "{\"prefix\":\"/\"}",
        "{\"template\":\"/{tenant}/items/{item}\"}"
    };
    private static final String[] HEADERS = {
        "{\"name\":\"x-canary\",\"exact\":\"1\"}",
        "{\"name\":\"x-user-id\",\"present\":true}",
        "{\"name\":\"User-Agent\",\"regex\":\".*Mobile.*\"}"
    };
    private static final String[] STICKINESS = {
        "{\"type\":\"header\",\"name\":\"x-user-id\"}",
        "{\"type\":\"cookie\",\"name\":\"session\"}",
        "{\"type\":\"sourceIp\"}"
    };
    private static final String[] REQUEST_HOSTS = {
        "shop.example.com", "a.example.com", "api.example.com", "x.io", "other.net", null
    };
    private static final String[] REQUEST_PATHS = {
        "/orders/42", "/orders", "/orders/7", "/static/a.css", "/health", "/acme/items/3", "/"
    };
    private static final String[] SOURCE_IPS = {"10.1.2.3", "192.168.0.1", "2001:db8::1", null};

    @Test
    void explainNamesTheRoutersRouteAndTargetForRandomTablesAndRequests() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int tableCase = 0; tableCase < TABLES; tableCase++) {
            long caseSeed = SEED + tableCase;
            SplittableRandom random = new SplittableRandom(caseSeed);
            String json = randomTable(random);
            RoutingTable table;
            try {
                table = RoutingTable.compile("v" + tableCase, List.of(new RouteParameter("/t/routes/r", json)));
            } catch (ConfigValidationException e) {
                throw new AssertionError("seed " + caseSeed + ": generated an invalid table " + json, e);
            }
            for (int requestCase = 0; requestCase < REQUESTS_PER_TABLE; requestCase++) {
                RoutingRequest request = randomRequest(random);
                Set<String> open = new HashSet<>();
                for (String function : FUNCTIONS) {
                    if (random.nextInt(4) == 0) {
                        open.add(function);
                    }
                }
                // A third with every circuit closed: the router's fast path, which draws differently.
                Predicate<String> available =
                        random.nextInt(3) == 0 ? TargetSelector.ALL_AVAILABLE : f -> !open.contains(f);
                long drawSeed = random.nextLong();
                try {
                    outcomes.merge(check(table, request, available, drawSeed), 1, Integer::sum);
                } catch (AssertionError e) {
                    String context = "seed " + caseSeed + " (-Dexplain.seed=" + SEED + ", table " + tableCase
                            + "), request " + requestCase + ": " + request + " headers " + request.headers()
                            + " query " + request.queryParams() + ", open circuits " + open + "\ntable " + json;
                    fail(context + "\n" + e.getMessage(), e);
                }
            }
        }
        // Every kind of outcome must have been exercised for the agreement to mean something.
        for (String kind : List.of(
                "no route",
                "fixed",
                "fallback",
                "no healthy target",
                "single",
                "weighted",
                "sticky",
                "weighted-keyless")) {
            assertTrue(outcomes.getOrDefault(kind, 0) > 100, "too few '" + kind + "' cases: " + outcomes);
        }
    }

    /** Compares one request's explanation with its routing decision; returns the kind of outcome. */
    private static String check(RoutingTable table, RoutingRequest request, Predicate<String> available, long seed) {
        Optional<RouteDecision> routed = table.route(request, new SplittableRandom(seed), available);
        RoutingExplanation explained = table.explain(request, new SplittableRandom(seed), available);

        assertEquals(describe(routed), describe(explained.decision()), "explain's decision differs from route's");
        Optional<RouteCheck> firstMatched =
                explained.routes().stream().filter(RouteCheck::matched).findFirst();
        assertEquals(
                routed.map(d -> d.route().name()),
                firstMatched.map(c -> c.route().name()),
                "the first route whose criteria all held is not the router's winner");
        assertEquals(
                table.routes().stream().map(Route::name).toList(),
                explained.routes().stream().map(c -> c.route().name()).toList(),
                "routes not in precedence order");
        if (routed.isEmpty()) {
            assertTrue(explained.pick().isEmpty(), "a pick without a route");
            return "no route";
        }
        RouteDecision decision = routed.get();
        if (decision instanceof RouteDecision.Fixed) {
            assertTrue(explained.pick().isEmpty(), "a pick for a fixed response");
            return "fixed";
        }
        TargetPick pick = explained.pick().orElseThrow(() -> new AssertionError("no pick for " + decision));
        if (decision instanceof RouteDecision.Dispatch dispatch) {
            assertEquals(Optional.of(dispatch.target()), pick.chosen(), "the pick's own terms name another target");
        } else {
            assertEquals(Optional.empty(), pick.chosen(), "the pick names a target, the router found none: " + pick);
        }
        if (pick instanceof TargetPick.Sticky sticky) {
            assertEquals(stickyKey(sticky.source(), request), sticky.key(), "not the request's sticky key");
            for (int i = 1; i < sticky.order().size(); i++) {
                assertTrue(
                        sticky.order().get(i - 1).score()
                                >= sticky.order().get(i).score(),
                        "order " + sticky);
            }
        }
        if (pick instanceof TargetPick.Weighted weighted) {
            assertEquals(
                    weighted.total(),
                    weighted.shares().stream().mapToLong(s -> s.to() - s.from()).sum(),
                    "ranges do not cover the draw's bound");
        }
        if (decision instanceof RouteDecision.Fallback) {
            return "fallback";
        }
        if (decision instanceof RouteDecision.NoHealthyTarget) {
            return "no healthy target";
        }
        if (pick instanceof TargetPick.Weighted weighted) {
            return weighted.stickyKeyless().isPresent() ? "weighted-keyless" : "weighted";
        }
        return pick instanceof TargetPick.Sticky ? "sticky" : "single";
    }

    private static String stickyKey(TargetPick.StickySource source, RoutingRequest request) {
        return switch (source.kind()) {
            case "header" -> request.firstHeader(source.name());
            case "cookie" -> request.cookie(source.name());
            default -> request.sourceIp();
        };
    }

    /** A decision as comparable text: kind, route, target or fallback function, path parameters. */
    private static String describe(Optional<RouteDecision> decision) {
        if (decision.isEmpty()) {
            return "no route";
        }
        RouteDecision d = decision.get();
        String route = d.route().name();
        if (d instanceof RouteDecision.Dispatch dispatch) {
            return "dispatch " + route + " " + dispatch.target() + " " + new TreeMap<>(dispatch.pathParameters());
        }
        if (d instanceof RouteDecision.Fallback fallback) {
            return "fallback " + route + " " + fallback.function() + " " + new TreeMap<>(fallback.pathParameters());
        }
        if (d instanceof RouteDecision.Fixed fixed) {
            return "fixed " + route + " " + fixed.response();
        }
        return "no healthy target " + route;
    }

    private static String randomTable(SplittableRandom random) {
        List<String> routes = new ArrayList<>();
        int size = 1 + random.nextInt(8);
        for (int i = 0; i < size; i++) {
            routes.add(randomRoute(random, "r" + i));
        }
        return "[" + String.join(",", routes) + "]";
    }

    private static String randomRoute(SplittableRandom random, String name) {
        List<String> match = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            match.add("\"hosts\":[\"" + pick(random, HOSTS) + "\"]");
        }
        if (random.nextInt(4) != 0) {
            match.add("\"paths\":[" + pick(random, PATHS) + (random.nextInt(4) == 0 ? "," + pick(random, PATHS) : "")
                    + "]");
        }
        if (random.nextInt(4) == 0) {
            match.add("\"methods\":[\"" + (random.nextBoolean() ? "GET" : "POST") + "\"]");
        }
        if (random.nextInt(4) == 0) {
            match.add("\"headers\":[" + pick(random, HEADERS) + "]");
        }
        if (random.nextInt(6) == 0) {
            match.add("\"query\":[{\"name\":\"debug\",\"exact\":\"1\"}]");
        }
        if (random.nextInt(6) == 0) {
            match.add("\"sourceCidrs\":[\"10.0.0.0/8\"]");
        }
        StringBuilder route = new StringBuilder("{\"name\":\"")
                .append(name)
                .append("\",\"priority\":")
                .append(random.nextInt(5))
                .append(",\"match\":{")
                .append(String.join(",", match))
                .append('}');
        if (random.nextInt(8) == 0) {
            return route.append(",\"fixedResponse\":{\"status\":503,\"body\":\"later\"}}")
                    .toString();
        }
        List<String> functions = new ArrayList<>(List.of(FUNCTIONS));
        List<String> targets = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        boolean positive = false;
        for (int i = 0; i < count; i++) {
            String function = functions.remove(random.nextInt(functions.size()));
            int weight = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100);
            if (i == count - 1 && !positive && weight == 0) {
                weight = 1;
            }
            positive |= weight > 0;
            targets.add("{\"function\":\"" + function + "\",\"weight\":" + weight + "}");
        }
        route.append(",\"targets\":[").append(String.join(",", targets)).append(']');
        if (random.nextInt(2) == 0) {
            route.append(",\"stickiness\":").append(pick(random, STICKINESS));
        }
        if (random.nextInt(2) == 0) {
            route.append(",\"fallback\":\"").append("fb").append('"');
        }
        return route.append('}').toString();
    }

    private static RoutingRequest randomRequest(SplittableRandom random) {
        Map<String, List<String>> headers = new HashMap<>();
        if (random.nextBoolean()) {
            headers.put("x-canary", List.of(random.nextBoolean() ? "1" : "0"));
        }
        if (random.nextBoolean()) {
            headers.put("x-user-id", List.of("user-" + random.nextInt(1000)));
        }
        if (random.nextBoolean()) {
            headers.put("cookie", List.of("theme=dark; session=s" + random.nextInt(1000)));
        }
        if (random.nextInt(4) == 0) {
            headers.put("User-Agent", List.of(random.nextBoolean() ? "Mozilla Mobile" : "curl"));
        }
        Map<String, List<String>> query = new HashMap<>();
        if (random.nextInt(4) == 0) {
            query.put("debug", List.of(random.nextBoolean() ? "1" : "0"));
        }
        return new RoutingRequest(
                random.nextInt(3) == 0 ? "POST" : "GET",
                pick(random, REQUEST_HOSTS),
                pick(random, REQUEST_PATHS),
                headers,
                query,
                pick(random, SOURCE_IPS));
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
