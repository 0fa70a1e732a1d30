package dev.lambdarouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rewrites the weights of a route's targets in its JSON tree, leaving every other field as it is. */
final class TargetWeights {
    private TargetWeights() {}

    /**
     * Parses {@code FUNCTION=WEIGHT} arguments.
     *
     * @throws CliException (usage) on a malformed argument, a negative weight or a function given twice
     */
    static Map<String, Integer> parse(List<String> assignments) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int equals = assignment.lastIndexOf('=');
            String function = equals < 0 ? "" : assignment.substring(0, equals).trim();
            if (function.isEmpty()) {
                throw CliException.usage("expected FUNCTION=WEIGHT, got '" + assignment + "'");
            }
            int weight;
            try {
                weight = Integer.parseInt(assignment.substring(equals + 1).trim());
            } catch (NumberFormatException e) {
                throw CliException.usage("'" + assignment + "': the weight must be a whole number >= 0");
            }
            if (weight < 0) {
                throw CliException.usage("'" + assignment + "': the weight must be >= 0");
            }
            if (weights.put(function, weight) != null) {
                throw CliException.usage("function '" + function + "' is given more than once");
            }
        }
        return weights;
    }

    /**
     * Sets each function's weight in {@code route}'s {@code targets}; with {@code add}, functions that are not targets
     * yet are appended.
     *
     * @return one description per weight that changed (e.g. {@code orders-v2 10 -> 50}); empty when none did
     * @throws CliException (usage) when a function is not a target and {@code add} is false
     */
    static List<String> apply(ObjectNode route, String routeName, Map<String, Integer> weights, boolean add) {
        JsonNode targetsNode = route.get("targets");
        if (targetsNode == null && add) {
            targetsNode = route.putArray("targets");
        }
        if (!(targetsNode instanceof ArrayNode targets)) {
            throw new CliException(RoutesCli.INVALID_CONFIG, "route '" + routeName + "' has no targets array");
        }
        List<String> missing = new ArrayList<>();
        for (String function : weights.keySet()) {
            if (find(targets, function) == null) {
                missing.add(function);
            }
        }
        if (!missing.isEmpty() && !add) {
            throw CliException.usage("route '" + routeName + "' has no target " + String.join(", ", missing)
                    + " (targets: " + String.join(", ", functions(targets)) + "); use --add to add it");
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
            changes.add(function + " " + (old == null ? "1 (default)" : old.toString()) + " -> " + weight);
        });
        return changes;
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
