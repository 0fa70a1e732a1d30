package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TargetSelectionTest {
    private static final int PICKS = 100_000;

    /** A catch-all route with the given targets ("fn:weight" pairs) and optional stickiness JSON. */
    private static RoutingTable weighted(String stickinessJson, String... targets) {
        StringBuilder json = new StringBuilder("{\"name\":\"r\",\"priority\":1,\"targets\":[");
        for (int i = 0; i < targets.length; i++) {
            String[] parts = targets[i].split("=", -1);
            json.append(i == 0 ? "" : ",")
                    .append("{\"function\":\"")
                    .append(parts[0])
                    .append("\",\"weight\":")
                    .append(parts[1])
                    .append('}');
        }
        json.append(']');
        if (stickinessJson != null) {
            json.append(",\"stickiness\":").append(stickinessJson);
        }
        return table(json.append('}').toString());
    }

    private static String pick(RoutingTable table, TestRequests request, RandomGenerator random) {
        return TestTables.dispatched(table.route(request.build(), random).orElseThrow());
    }

    private static Map<String, Integer> countRandomPicks(RoutingTable table, RandomGenerator random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(pick(table, get("h.io", "/"), random), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertShare(double expected, int count, double tolerance) {
        double share = (double) count / PICKS;
        assertTrue(
                Math.abs(share - expected) <= tolerance,
                () -> "share " + share + " is not within " + tolerance + " of " + expected);
    }

    private static PickMethod pickKind(RoutingTable table, TestRequests request) {
        return assertInstanceOf(
                        RouteDecision.Dispatch.class,
                        table.route(request.build(), new SplittableRandom(1)).orElseThrow())
                .pick();
    }

    @Test
    void theDecisionSaysHowTheTargetWasPicked() {
        String byHeader = "{\"type\":\"header\",\"name\":\"x-user\"}";
        assertEquals(PickMethod.WEIGHTED, pickKind(weighted(null, "a=1", "b=1"), get("h.io", "/")));
        assertEquals(
                PickMethod.STICKY_HEADER,
                pickKind(weighted(byHeader, "a=1", "b=1"), get("h.io", "/").header("x-user", "u1")));
        assertEquals(
                PickMethod.WEIGHTED,
                pickKind(weighted(byHeader, "a=1", "b=1"), get("h.io", "/")),
                "no sticky key in the request: weighted");
        assertEquals(
                PickMethod.STICKY_COOKIE,
                pickKind(
                        weighted("{\"type\":\"cookie\",\"name\":\"session\"}", "a=1", "b=1"),
                        get("h.io", "/").header("cookie", "session=s1")));
        assertEquals(
                PickMethod.STICKY_SOURCE_IP,
                pickKind(
                        weighted("{\"type\":\"sourceIp\"}", "a=1", "b=1"),
                        get("h.io", "/").sourceIp("10.0.0.1")));
        assertEquals(PickMethod.SINGLE, pickKind(weighted(null, "a=1"), get("h.io", "/")));
        assertEquals(
                PickMethod.SINGLE,
                pickKind(weighted(byHeader, "a=1", "off=0"), get("h.io", "/").header("x-user", "u1")),
                "one target with a positive weight: single, sticky or not");
        assertEquals("sticky:source-ip", PickMethod.STICKY_SOURCE_IP.label());
    }

    @Test
    void weightedRandomFollowsTheWeights() {
        // 100k picks: one standard deviation of a 0.7 share is 0.0015, so 0.01 is a ~7 sigma bound.
        Map<String, Integer> counts = countRandomPicks(weighted(null, "a=70", "b=20", "c=10"), new SplittableRandom(7));
        assertShare(0.70, counts.get("a"), 0.01);
        assertShare(0.20, counts.get("b"), 0.01);
        assertShare(0.10, counts.get("c"), 0.01);
    }

    @Test
    void weightedRandomWithManyTargets() {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            targets.add("t" + i + "=" + (i + 1));
        }
        Map<String, Integer> counts =
                countRandomPicks(weighted(null, targets.toArray(new String[0])), new SplittableRandom(11));
        for (int i = 0; i < 20; i++) {
            assertShare((i + 1) / 210.0, counts.getOrDefault("t" + i, 0), 0.005);
        }
    }

    @Test
    void zeroWeightTargetIsNeverChosen() {
        Map<String, Integer> counts = countRandomPicks(weighted(null, "a=1", "off=0", "b=1"), new SplittableRandom(3));
        assertFalse(counts.containsKey("off"));
        assertEquals(PICKS, counts.get("a") + counts.get("b"));
    }

    @Test
    void zeroWeightTargetIsNeverChosenBySticky() {
        RoutingTable table = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "a=1", "off=0", "b=1");
        for (int user = 0; user < 10_000; user++) {
            assertFalse(pick(table, get("h.io", "/").header("x-user", "u" + user), new SplittableRandom(1))
                    .equals("off"));
        }
    }

    @Test
    void theCallersRandomGeneratorDecides() {
        RoutingTable table = weighted(null, "a=1", "b=1");
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        SplittableRandom one = new SplittableRandom(99);
        SplittableRandom two = new SplittableRandom(99);
        for (int i = 0; i < 200; i++) {
            first.add(pick(table, get("h.io", "/"), one));
            second.add(pick(table, get("h.io", "/"), two));
        }
        assertEquals(first, second);
        assertTrue(first.contains("a") && first.contains("b"));
    }

    @Test
    void stickyHeaderKeepsEachKeyOnOneTarget() {
        RoutingTable table = weighted("{\"type\":\"header\",\"name\":\"X-User-Id\"}", "a=50", "b=30", "c=20");
        SplittableRandom random = new SplittableRandom(5);
        for (int user = 0; user < 2_000; user++) {
            TestRequests request = get("h.io", "/").header("x-user-id", "user-" + user);
            String target = pick(table, request, random);
            for (int repeat = 0; repeat < 5; repeat++) {
                assertEquals(target, pick(table, request, random));
            }
        }
    }

    @Test
    void stickyCookieAndSourceIpKeepEachKeyOnOneTarget() {
        RoutingTable byCookie = weighted("{\"type\":\"cookie\",\"name\":\"session\"}", "a=1", "b=1");
        RoutingTable byIp = weighted("{\"type\":\"sourceIp\"}", "a=1", "b=1");
        SplittableRandom random = new SplittableRandom(5);
        Map<String, Integer> cookieTargets = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            TestRequests withCookie = get("h.io", "/").header("cookie", "lang=en; session=s" + i);
            TestRequests withIp = get("h.io", "/").sourceIp("10.0." + (i / 256) + "." + (i % 256));
            String cookieTarget = pick(byCookie, withCookie, random);
            assertEquals(cookieTarget, pick(byCookie, withCookie, random));
            assertEquals(pick(byIp, withIp, random), pick(byIp, withIp, random));
            cookieTargets.merge(cookieTarget, 1, Integer::sum);
        }
        assertEquals(2, cookieTargets.size());
    }

    @Test
    void stickyTargetIsTheTargetTheRouterPicksForThatKey() {
        RoutingTable table = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "a=50", "b=0", "c=30", "d=20");
        Forward forward = TestTables.forward(table.routes().get(0));
        SplittableRandom random = new SplittableRandom(3);
        for (int user = 0; user < 2_000; user++) {
            String key = "user-" + user;
            assertEquals(
                    pick(table, get("h.io", "/").header("x-user", key), random),
                    forward.stickyTarget(key).orElseThrow().function());
        }
        Forward single =
                TestTables.forward(weighted(null, "a=0", "b=3").routes().get(0));
        assertEquals("b", single.stickyTarget("any").orElseThrow().function());
    }

    @Test
    void stickyRouteWithoutTheKeyFallsBackToWeightedRandom() {
        RoutingTable table = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "a=75", "b=25");
        Map<String, Integer> counts = countRandomPicks(table, new SplittableRandom(17));
        assertShare(0.75, counts.get("a"), 0.01);
    }

    @Test
    void stickyKeysAreSpreadAccordingToTheWeights() {
        RoutingTable table = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "a=70", "b=20", "c=10");
        Map<String, Integer> counts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int user = 0; user < PICKS; user++) {
            counts.merge(pick(table, get("h.io", "/").header("x-user", "user-" + user), random), 1, Integer::sum);
        }
        assertShare(0.70, counts.get("a"), 0.01);
        assertShare(0.20, counts.get("b"), 0.01);
        assertShare(0.10, counts.get("c"), 0.01);
    }

    @Test
    void weightChangeMovesOnlyKeysToTheTargetThatGainedAndAboutTheChangedShare() {
        RoutingTable before = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "v1=90", "v2=10");
        RoutingTable after = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "v1=80", "v2=20");
        SplittableRandom random = new SplittableRandom(1);
        int moved = 0;
        for (int user = 0; user < PICKS; user++) {
            TestRequests request = get("h.io", "/").header("x-user", "user-" + user);
            String old = pick(before, request, random);
            String now = pick(after, request, random);
            if (!old.equals(now)) {
                moved++;
                assertEquals("v1", old, "a key moved away from the target that gained weight");
                assertEquals("v2", now);
            }
        }
        // Ideal movement is 10% of keys (v2's share grows from 10% to 20%).
        assertShare(0.10, moved, 0.01);
    }

    @Test
    void weightChangeAcrossThreeTargetsMovesKeysOnlyAwayFromTheLoserOrToTheGainer() {
        RoutingTable before = weighted("{\"type\":\"sourceIp\"}", "a=50", "b=30", "c=20");
        RoutingTable after = weighted("{\"type\":\"sourceIp\"}", "a=40", "b=30", "c=30");
        SplittableRandom random = new SplittableRandom(1);
        int moved = 0;
        for (int i = 0; i < PICKS; i++) {
            TestRequests request =
                    get("h.io", "/").sourceIp("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
            String old = pick(before, request, random);
            String now = pick(after, request, random);
            if (!old.equals(now)) {
                moved++;
                String move = old + "->" + now;
                assertTrue(old.equals("a") || now.equals("c"), () -> "unexpected move " + move);
            }
        }
        // The least possible movement is 10% (a's share drops from 50% to 40%). Weighted rendezvous hashing moves
        // about 12.8% here (its exact expectation for this change, since -ln(u) is exponentially distributed): some
        // of a's keys land on b while some of b's move on to c.
        assertShare(0.128, moved, 0.01);
    }

    @Test
    void addingATargetMovesKeysOnlyToTheNewTarget() {
        RoutingTable before = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "a=1", "b=1");
        RoutingTable after = weighted("{\"type\":\"header\",\"name\":\"x-user\"}", "a=1", "b=1", "c=1");
        SplittableRandom random = new SplittableRandom(1);
        int moved = 0;
        for (int user = 0; user < PICKS; user++) {
            TestRequests request = get("h.io", "/").header("x-user", "user-" + user);
            String now = pick(after, request, random);
            if (!pick(before, request, random).equals(now)) {
                moved++;
                assertEquals("c", now);
            }
        }
        assertShare(1.0 / 3, moved, 0.01);
    }
}
