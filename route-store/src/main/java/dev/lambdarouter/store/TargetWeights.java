package dev.lambdarouter.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and rewrites the weights of a route's targets in its JSON tree, leaving every other field as it is. */
final class TargetWeights {
    /** The weight of a target that does not state one (the engine's default). */
    static final int DEFAULT_WEIGHT = 1;

    private TargetWeights() {}

    /**
     * Each target function's weight, in target order (a function listed twice: the sum).
     *
     * @throws RouteEditException when the route has no {@code targets} array
     */
    static Map<String, Integer> read(ObjectNode route, String routeName) {
        ArrayNode targets = targets(route, routeName, false);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (JsonNode target : targets) {
            String function = target.path("function").asText("");
            JsonNode weight = target.get("weight");
            weights.merge(function, weight == null ? DEFAULT_WEIGHT : weight.asInt(), Integer::sum);
        }
        return weights;
    }

    /**
     * Sets each function's weight in {@code route}'s {@code targets}; with {@code add}, functions that are not targets
     * yet are appended.
     *
     * @return one description per weight that changed (e.g. {@code orders-v2 10 -> 50}); empty when none did
     * @throws RouteEditException when a function is not a target and {@code add} is false, or the route has no
     *     {@code targets} array
     */
    static List<String> apply(ObjectNode route, String routeName, Map<String, Integer> weights, boolean add) {
        ArrayNode targets = targets(route, routeName, add);
        List<String> missing = new ArrayList<>();
        for (String function : weights.keySet()) {
            if (find(targets, function) == null) {
                missing.add(function);
            }
        }
        if (!missing.isEmpty() && !add) {
            throw new RouteEditException(
                    RouteEditException.Reason.UNKNOWN_TARGET,
                    "route '" + routeName + "' has no target " + String.join(", ", missing) + " (targets: "
                            + String.join(", ", functions(targets)) + ")");
        }
        List<String> changes = new ArrayList<>();
        weights.forEach((function, weight) -> {
            ObjectNode target = find(targets, function);
            if (target == null) {
                targets.addObject().put("function", function).put("weight", weight);
                changes.add(function + " added with weight " + weight);
                return;
            }
            JsonNode old = target.get("weight");
            if (old != null && old.isIntegralNumber() && old.asLong() == weight) {
                return;
            }
            target.put("weight", weight);
            changes.add(
                    function + " " + (old == null ? DEFAULT_WEIGHT + " (default)" : old.toString()) + " -> " + weight);
        });
        return changes;
    }

    private static ArrayNode targets(ObjectNode route, String routeName, boolean create) {
        JsonNode targetsNode = route.get("targets");
        if (targetsNode == null && create) {
            targetsNode = route.putArray("targets");
        }
        if (!(targetsNode instanceof ArrayNode targets)) {
            throw new RouteEditException(
                    RouteEditException.Reason.NO_TARGETS, "route '" + routeName + "' has no targets array");
        }
        return targets;
    }

    private static ObjectNode find(ArrayNode targets, String function) {
        for (JsonNode target : targets) {
            if (target instanceof ObjectNode object
                    && object.path("function").isTextual()
                    && object.get("function").asText().equals(function)) {
                return object;
            }
        }
        return null;
    }

    private static List<String> functions(ArrayNode targets) {
        List<String> functions = new ArrayList<>();
        for (JsonNode target : targets) {
            functions.add(target.path("function").asText("?"));
        }
        return functions;
    }
}
