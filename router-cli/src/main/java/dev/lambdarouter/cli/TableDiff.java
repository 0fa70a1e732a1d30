package dev.lambdarouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.store.RouteJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What changed between two routing tables (route parameters, full name to value), route by route: routes added,
 * removed, and changed field by field, with the traffic a change of weights moves. Routes are matched by name, so a
 * route moved to another parameter is one change (its parameter). A parameter whose value is not JSON on either side
 * cannot be compared route by route and is listed as such.
 *
 * @param added      routes only in the second table, in name order
 * @param removed    routes only in the first table, in name order
 * @param changed    routes in both whose JSON or parameter differs, in name order
 * @param unreadable parameters that changed and are not JSON on at least one side
 */
record TableDiff(List<RouteState> added, List<RouteState> removed, List<RouteChange> changed, List<String> unreadable) {

    /** A route as one table holds it. */
    record RouteState(String name, String parameter, ObjectNode json) {}

    /**
     * @param parameters {@code old -> new} when the route moved to another parameter, else empty
     * @param fields     the fields that changed
     * @param traffic    the traffic a change of weights moves
     */
    record RouteChange(
            String name,
            String parameter,
            Optional<String> parameters,
            List<FieldChanges.Change> fields,
            Optional<TrafficShift> traffic) {}

    static TableDiff between(SortedMap<String, String> before, SortedMap<String, String> after) {
        Map<String, RouteState> old = routes(before);
        Map<String, RouteState> now = routes(after);
        List<RouteState> added = new ArrayList<>();
        List<RouteState> removed = new ArrayList<>();
        List<RouteChange> changed = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            RouteState was = old.get(name);
            RouteState is = now.get(name);
            if (was == null) {
                added.add(is);
            } else if (is == null) {
                removed.add(was);
            } else if (!was.json().equals(is.json()) || !was.parameter().equals(is.parameter())) {
                changed.add(new RouteChange(
                        name,
                        is.parameter(),
                        was.parameter().equals(is.parameter())
                                ? Optional.empty()
                                : Optional.of(was.parameter() + " -> " + is.parameter()),
                        FieldChanges.between(was.json(), is.json()),
                        TrafficShift.between(is.parameter(), was.json(), is.json())));
            }
        }
        List<String> unreadable = new ArrayList<>();
        TreeSet<String> parameters = new TreeSet<>(before.keySet());
        parameters.addAll(after.keySet());
        for (String parameter : parameters) {
            String was = before.get(parameter);
            String is = after.get(parameter);
            if (!Objects.equals(was, is) && (unreadable(was) || unreadable(is))) {
                unreadable.add(parameter);
            }
        }
        return new TableDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed), List.copyOf(unreadable));
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && unreadable.isEmpty();
    }

    /**
     * One line for {@code history}: {@code ~orders targets[orders-v2].weight: 10 -> 25; +canary; -legacy}, at most
     * {@code fieldsPerRoute} fields per changed route.
     */
    String summary(int fieldsPerRoute) {
        List<String> parts = new ArrayList<>();
        for (RouteChange change : changed) {
            List<String> fields = new ArrayList<>();
            change.parameters().ifPresent(moved -> fields.add("parameter " + moved));
            change.fields().stream().map(FieldChanges.Change::describe).forEach(fields::add);
            String shown = String.join(", ", fields.subList(0, Math.min(fieldsPerRoute, fields.size())));
            int more = fields.size() - fieldsPerRoute;
            parts.add("~" + change.name() + " " + shown + (more > 0 ? " (+" + more + " more)" : ""));
        }
        added.forEach(route -> parts.add("+" + route.name()));
        removed.forEach(route -> parts.add("-" + route.name()));
        unreadable.forEach(parameter -> parts.add("?" + parameter + " (not JSON)"));
        return parts.isEmpty() ? "no route changed" : String.join("; ", parts);
    }

    /** Every named route of every parameter that is JSON; the first of a duplicated name wins (the engine rejects it). */
    private static Map<String, RouteState> routes(SortedMap<String, String> table) {
        Map<String, RouteState> routes = new LinkedHashMap<>();
        table.forEach((parameter, value) -> RouteJson.parse(value).ifPresent(root -> {
            for (ObjectNode route : RouteJson.routes(root)) {
                RouteJson.name(route)
                        .ifPresent(name -> routes.putIfAbsent(name, new RouteState(name, parameter, route)));
            }
        }));
        return routes;
    }

    private static boolean unreadable(String value) {
        if (value == null) {
            return false;
        }
        Optional<JsonNode> root = RouteJson.parse(value);
        return root.isEmpty() || !(root.get().isObject() || root.get().isArray());
    }
}
