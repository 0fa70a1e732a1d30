package dev.lambdarouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The field-by-field differences between two JSON values of a route, each at a readable path: object fields joined by
 * {@code .}, list elements by the field that names them ({@code targets[orders-v2].weight},
 * {@code match.headers[x-canary].exact}), else by position ({@code match.paths[0].prefix}).
 */
final class FieldChanges {
    /** Fields that name a list's elements, in the order they are tried. */
    private static final List<String> ELEMENT_KEYS = List.of("function", "name");

    private FieldChanges() {}

    /**
     * One changed field.
     *
     * @param before its value before, or {@code null} when it was absent
     * @param after  its value after, or {@code null} when it is absent
     */
    record Change(String path, JsonNode before, JsonNode after) {
        /** {@code targets[orders-v2].weight: 10 -> 25}; an absent side reads {@code (absent)}. */
        String describe() {
            return path + ": " + show(before) + " -> " + show(after);
        }

        private static String show(JsonNode value) {
            return value == null ? "(absent)" : value.toString();
        }
    }

    static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", before, after, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(fields::add);
            after.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                compare(path.isEmpty() ? field : path + "." + field, before.get(field), after.get(field), changes);
            }
            return;
        }
        if (before != null && after != null && before.isArray() && after.isArray()) {
            Map<String, JsonNode> old = byElementKey(before);
            Map<String, JsonNode> now = byElementKey(after);
            if (old != null && now != null && sameKey(before, after)) {
                Set<String> keys = new LinkedHashSet<>(old.keySet());
                keys.addAll(now.keySet());
                for (String key : keys) {
                    compare(path + "[" + key + "]", old.get(key), now.get(key), changes);
                }
                return;
            }
            if (before.size() == after.size()) {
                for (int i = 0; i < before.size(); i++) {
                    compare(path + "[" + i + "]", before.get(i), after.get(i), changes);
                }
                return;
            }
        }
        changes.add(new Change(path, before, after));
    }

    private static boolean sameKey(JsonNode before, JsonNode after) {
        return Objects.equals(elementKey(before), elementKey(after)) || before.isEmpty() || after.isEmpty();
    }

    /** The list's elements by the field that names each, or {@code null} when no field names them all uniquely. */
    private static Map<String, JsonNode> byElementKey(JsonNode list) {
        String key = elementKey(list);
        if (key == null) {
            return list.isEmpty() ? Map.of() : null;
        }
        Map<String, JsonNode> elements = new LinkedHashMap<>();
        for (JsonNode element : list) {
            elements.put(element.get(key).asText(), element);
        }
        return elements;
    }

    private static String elementKey(JsonNode list) {
        if (list.isEmpty()) {
            return null;
        }
        for (String key : ELEMENT_KEYS) {
            Set<String> seen = new LinkedHashSet<>();
            boolean names = true;
            for (Iterator<JsonNode> it = list.elements(); it.hasNext() && names; ) {
                JsonNode element = it.next();
                names = element.isObject()
                        && element.path(key).isTextual()
                        && seen.add(element.get(key).asText());
            }
            if (names) {
                return key;
            }
        }
        return null;
    }
}
