package dev.lambdarouter.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A route's target weights in the published table: reading them, and the edit of one route parameter that changes
 * them (every other field and route of the parameter kept as it is).
 */
public final class RouteWeights {
    private RouteWeights() {}

    /**
     * The weight of each of the route's targets (function to weight, in target order; a target without a weight has
     * the engine's default 1).
     *
     * @param routes the route parameters, full name to value ({@link RoutingTableStore#readRoutes()})
     * @throws RouteNotFoundException when no route has that name
     * @throws RouteEditException     when the route is defined twice or has no targets
     */
    public static Map<String, Integer> current(SortedMap<String, String> routes, String route) {
        Located located = locate(routes, route);
        return TargetWeights.read(located.route(), route);
    }

    /**
     * The new value of the parameter holding {@code route}, with {@code weights} set on its targets.
     *
     * @param weights       function to weight; targets not named keep theirs
     * @param addTargets    append functions that are not targets yet (else that is an error)
     * @param maxCharacters the size the value must fit in (the tier's), for the choice of indented or compact JSON
     * @throws RouteNotFoundException when no route has that name
     * @throws RouteEditException     when the route is defined twice, has no targets, or lacks a target and
     *     {@code addTargets} is false
     */
    public static WeightEdit edit(
            SortedMap<String, String> routes,
            String route,
            Map<String, Integer> weights,
            boolean addTargets,
            int maxCharacters) {
        Located located = locate(routes, route);
        List<String> changes = TargetWeights.apply(located.route(), route, weights, addTargets);
        String value = RouteJson.write(located.root(), routes.get(located.parameter()), maxCharacters);
        return new WeightEdit(route, located.parameter(), value, changes);
    }

    /**
     * An edit of one route's weights.
     *
     * @param parameter the route parameter holding the route (full name)
     * @param value     its new value
     * @param changes   one description per weight that changed (e.g. {@code orders-v2 10 -> 50}); empty: none did
     */
    public record WeightEdit(String route, String parameter, String value, List<String> changes) {
        public WeightEdit {
            changes = List.copyOf(changes);
        }

        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    private record Located(String parameter, JsonNode root, ObjectNode route) {}

    private static Located locate(SortedMap<String, String> routes, String route) {
        List<String> holders = new ArrayList<>();
        Located found = null;
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, String> parameter : routes.entrySet()) {
            Optional<JsonNode> parsed = RouteJson.parse(parameter.getValue());
            if (parsed.isEmpty()) {
                continue;
            }
            for (ObjectNode candidate : RouteJson.routes(parsed.get())) {
                Optional<String> name = RouteJson.name(candidate);
                name.ifPresent(names::add);
                if (name.isPresent() && name.get().equals(route)) {
                    holders.add(parameter.getKey());
                    found = new Located(parameter.getKey(), parsed.get(), candidate);
                }
            }
        }
        if (found == null) {
            throw new RouteNotFoundException(route, names, "");
        }
        if (holders.size() > 1) {
            throw new RouteEditException(
                    RouteEditException.Reason.DUPLICATE_ROUTE,
                    "route '" + route + "' is defined more than once (" + String.join(", ", holders)
                            + "); the table is invalid, fix it with 'routes publish' first");
        }
        return found;
    }
}
