package dev.lambdarouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.Forward;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.engine.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much of a route's traffic a change of its targets' weights moves, and between which targets.
 *
 * <p>Requests without a sticky key are spread by weight, so the share that moves is the least the new weights allow:
 * each target that lost share gives it to the targets that gained, in proportion to their gains (90/10 to 75/25
 * moves 15% from the first to the second). Sticky clients are measured, not assumed: {@value #STICKY_KEYS}
 * deterministic keys are each given their target by the route's own rendezvous selection
 * ({@link Forward#stickyTarget}) before and after, and the keys that land elsewhere are counted.
 *
 * @param moved  the share of requests (0..1) that goes to another target
 * @param flows  from which target to which, and how much
 * @param sticky the sticky clients that move, for a route sticky before and after by the same key
 */
record TrafficShift(double moved, List<Flow> flows, Optional<StickyShift> sticky) {
    /** How many sticky keys are simulated. */
    static final int STICKY_KEYS = 100_000;

    /** A share (0..1) of requests or clients that goes from one target to another. */
    record Flow(String from, String to, double share) {}

    /**
     * @param stickiness the route's sticky key, e.g. {@code header x-user-id}
     * @param keys       how many keys were simulated
     */
    record StickyShift(String stickiness, int keys, double moved, List<Flow> flows) {}

    /**
     * The shift between two versions of a route's JSON; empty when either does not forward (a fixed response, or a
     * value the engine rejects) or the targets' shares did not change.
     *
     * @param origin the route's parameter, for the engine's messages
     */
    static Optional<TrafficShift> between(String origin, ObjectNode before, ObjectNode after) {
        Optional<Forward> old = forward(origin, before);
        Optional<Forward> now = forward(origin, after);
        if (old.isEmpty() || now.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> oldShares = shares(old.get());
        Map<String, Double> newShares = shares(now.get());
        if (oldShares.equals(newShares)) {
            return Optional.empty();
        }
        List<Flow> flows = weightedFlows(oldShares, newShares);
        double moved = flows.stream().mapToDouble(Flow::share).sum();
        JsonNode stickiness = before.get("stickiness");
        Optional<StickyShift> sticky = stickiness != null && stickiness.equals(after.get("stickiness"))
                ? Optional.of(stickyShift(stickiness, old.get(), now.get()))
                : Optional.empty();
        return Optional.of(new TrafficShift(moved, flows, sticky));
    }

    /** The route compiled alone by the engine, when it forwards. */
    private static Optional<Forward> forward(String origin, ObjectNode route) {
        try {
            RoutingTable table = RoutingTable.compile("diff", List.of(new RouteParameter(origin, route.toString())));
            return table.routes().get(0).action() instanceof Forward forward ? Optional.of(forward) : Optional.empty();
        } catch (ConfigValidationException e) {
            return Optional.empty();
        }
    }

    /** Each function's share of requests, in target order (functions with weight 0 have none). */
    private static Map<String, Double> shares(Forward forward) {
        long total = forward.targets().stream().mapToLong(Target::weight).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Target target : forward.targets()) {
            if (target.weight() > 0) {
                shares.merge(target.function(), (double) target.weight() / total, Double::sum);
            }
        }
        return shares;
    }

    private static List<Flow> weightedFlows(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> losses = new LinkedHashMap<>();
        before.forEach((function, share) -> {
            double loss = share - after.getOrDefault(function, 0.0);
            if (loss > 0) {
                losses.put(function, loss);
            }
        });
        Map<String, Double> gains = new LinkedHashMap<>();
        after.forEach((function, share) -> {
            double gain = share - before.getOrDefault(function, 0.0);
            if (gain > 0) {
                gains.put(function, gain);
            }
        });
        double totalGain =
                gains.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Flow> flows = new ArrayList<>();
        losses.forEach(
                (from, loss) -> gains.forEach((to, gain) -> flows.add(new Flow(from, to, loss * gain / totalGain))));
        return flows;
    }

    private static StickyShift stickyShift(JsonNode stickiness, Forward before, Forward after) {
        boolean byAddress = "sourceIp".equals(stickiness.path("type").asText());
        Map<String, Map<String, Integer>> moves = new LinkedHashMap<>();
        int moved = 0;
        for (int i = 0; i < STICKY_KEYS; i++) {
            String key = byAddress ? "10." + (i >>> 16) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff) : "client-" + i;
            Optional<Target> old = before.stickyTarget(key);
            Optional<Target> now = after.stickyTarget(key);
            if (old.isPresent()
                    && now.isPresent()
                    && !old.get().function().equals(now.get().function())) {
                moved++;
                moves.computeIfAbsent(old.get().function(), f -> new LinkedHashMap<>())
                        .merge(now.get().function(), 1, Integer::sum);
            }
        }
        List<Flow> flows = new ArrayList<>();
        moves.forEach((from, to) ->
                to.forEach((function, count) -> flows.add(new Flow(from, function, (double) count / STICKY_KEYS))));
        String source = stickiness.path("type").asText("?")
                + (stickiness.path("name").isTextual()
                        ? " " + stickiness.get("name").asText()
                        : "");
        return new StickyShift(source, STICKY_KEYS, (double) moved / STICKY_KEYS, flows);
    }
}
