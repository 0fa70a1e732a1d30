package dev.lambdarouter.cli;

import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.engine.TargetPick;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * {@code routes explain --sample N}: N simulated requests through the engine's own {@link RoutingTable#route}, each
 * the explained request with a random sticky key when the winning route is sticky (a new client each), else the
 * same request again (a new random draw each), counted by where they went.
 *
 * @param requests  how many were simulated
 * @param stickyKey the sticky key source that was varied, if any
 * @param outcomes  where they went, most first
 */
record TrafficSample(int requests, Optional<TargetPick.StickySource> stickyKey, List<Outcome> outcomes) {

    /**
     * One destination and how many simulated requests reached it.
     *
     * @param route    the route that matched, or {@code null}
     * @param decision {@code dispatch}, {@code fallback}, {@code fixed}, {@code no-healthy-target} or
     *                 {@code no-route}
     * @param function the function invoked (target or fallback), or {@code null}
     */
    record Outcome(String route, String decision, String function, int count) {
        double percent(int requests) {
            return 100.0 * count / requests;
        }
    }

    static TrafficSample run(
            RoutingTable table,
            ExplainRequest request,
            Optional<TargetPick.StickySource> stickyKey,
            int requests,
            RandomGenerator random,
            Predicate<String> available) {
        Map<List<String>, Integer> counts = new HashMap<>();
        RoutingRequest same = request.routing();
        for (int i = 0; i < requests; i++) {
            RoutingRequest simulated = stickyKey.isPresent()
                    ? request.withStickyKey(stickyKey.get(), randomKey(stickyKey.get(), random))
                    : same;
            counts.merge(destination(table.route(simulated, random, available)), 1, Integer::sum);
        }
        List<Outcome> outcomes = new ArrayList<>();
        counts.forEach((key, count) -> outcomes.add(new Outcome(key.get(0), key.get(1), key.get(2), count)));
        outcomes.sort(Comparator.comparingInt(Outcome::count).reversed().thenComparing(Outcome::toString));
        return new TrafficSample(requests, stickyKey, List.copyOf(outcomes));
    }

    /** A new client's key: a random IPv4 address for {@code sourceIp}, else 16 random hex digits. */
    private static String randomKey(TargetPick.StickySource source, RandomGenerator random) {
        if (source.kind().equals("sourceIp")) {
            int address = random.nextInt();
            return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "."
                    + (address & 0xff);
        }
        return HexFormat.of().toHexDigits(random.nextLong());
    }

    /** [route, decision, function], nulls where absent (a list, so it can key the counts). */
    private static List<String> destination(Optional<RouteDecision> decision) {
        List<String> key = new ArrayList<>(3);
        if (decision.isEmpty()) {
            key.add(null);
            key.add("no-route");
            key.add(null);
            return key;
        }
        RouteDecision d = decision.get();
        key.add(d.route().name());
        if (d instanceof RouteDecision.Dispatch dispatch) {
            key.add("dispatch");
            key.add(dispatch.target().function());
        } else if (d instanceof RouteDecision.Fallback fallback) {
            key.add("fallback");
            key.add(fallback.function());
        } else {
            key.add(d instanceof RouteDecision.Fixed ? "fixed" : "no-healthy-target");
            key.add(null);
        }
        return key;
    }
}
