package dev.lambdarouter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Route parameter values as JSON trees: finding routes by name, and writing a tree back in the value's style. */
public final class RouteJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lines of indented output stay within this width where possible: small objects and lists stay on one line. */
    private static final int WIDTH = 100;

    private RouteJson() {}

    /** The value's JSON tree, or empty when it is not JSON (the engine reports why). */
    public static Optional<JsonNode> parse(String value) {
        try {
            JsonNode root = MAPPER.readTree(value);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(root);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The route objects of a value: the root object, or the object elements of a root array. */
    public static List<ObjectNode> routes(JsonNode root) {
        List<ObjectNode> routes = new ArrayList<>();
        if (root instanceof ObjectNode object) {
            routes.add(object);
        } else if (root.isArray()) {
            for (JsonNode element : root) {
                if (element instanceof ObjectNode object) {
                    routes.add(object);
                }
            }
        }
        return routes;
    }

    public static Optional<String> name(ObjectNode route) {
        JsonNode name = route.get("name");
        return name != null && name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
    }

    /**
     * Serialises {@code root} in the style of {@code original}: indented when the original spans several lines,
     * compact otherwise, and compact whenever the indented form would not fit in {@code maxCharacters}. A trailing
     * newline is kept.
     */
    public static String write(JsonNode root, String original, int maxCharacters) {
        String newline = original.endsWith("\n") ? "\n" : "";
        String compact;
        try {
            compact = MAPPER.writeValueAsString(root) + newline;
            if (!original.strip().contains("\n")) {
                return compact;
            }
            String pretty = indented(root) + newline;
            return TableCheck.characters(pretty) <= maxCharacters ? pretty : compact;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * {@code node} indented by two spaces per level, the way route files are usually written by hand: an object or
     * array that fits on its line (e.g. {@code {"function": "orders-v1", "weight": 90}}) stays on one line.
     */
    public static String indented(JsonNode node) throws JsonProcessingException {
        StringBuilder out = new StringBuilder();
        writeIndented(node, 0, 0, true, out);
        return out.toString();
    }

    private static void writeIndented(JsonNode node, int indent, int column, boolean expand, StringBuilder out)
            throws JsonProcessingException {
        String inline = inline(node);
        if (node.isValueNode() || node.isEmpty() || (!expand && column + inline.length() <= WIDTH)) {
            out.append(inline);
            return;
        }
        String pad = " ".repeat(indent + 2);
        boolean object = node.isObject();
        out.append(object ? "{\n" : "[\n");
        int index = 0;
        for (Map.Entry<String, JsonNode> field : entries(node)) {
            out.append(pad);
            int valueColumn = pad.length();
            if (object) {
                String key = MAPPER.writeValueAsString(field.getKey()) + ": ";
                out.append(key);
                valueColumn += key.length();
            }
            // one column for the ',' after the value
            writeIndented(field.getValue(), indent + 2, valueColumn + 1, false, out);
            out.append(++index < node.size() ? ",\n" : "\n");
        }
        out.append(" ".repeat(indent)).append(object ? '}' : ']');
    }

    private static String inline(JsonNode node) throws JsonProcessingException {
        if (node.isValueNode()) {
            return MAPPER.writeValueAsString(node);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : entries(node)) {
            parts.add((node.isObject() ? MAPPER.writeValueAsString(field.getKey()) + ": " : "")
                    + inline(field.getValue()));
        }
        return node.isObject() ? "{" + String.join(", ", parts) + "}" : "[" + String.join(", ", parts) + "]";
    }

    /** An object's fields, or an array's elements with empty keys. */
    private static Collection<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        if (node.isObject()) {
            return node.properties();
        }
        List<Map.Entry<String, JsonNode>> elements = new ArrayList<>();
        for (JsonNode element : node) {
            elements.add(Map.entry("", element));
        }
        return elements;
    }

    /** What changed between two values of one parameter, by route name, e.g. "changed orders; added canary". */
    public static String describeChange(String before, String after) {
        Map<String, JsonNode> old = byName(before);
        Map<String, JsonNode> now = byName(after);
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        now.forEach((name, route) -> {
            if (!old.containsKey(name)) {
                added.add(name);
            } else if (!old.get(name).equals(route)) {
                changed.add(name);
            }
        });
        old.keySet().stream().filter(name -> !now.containsKey(name)).forEach(removed::add);
        List<String> parts = new ArrayList<>();
        if (!changed.isEmpty()) {
            parts.add("changed " + String.join(", ", changed));
        }
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        return parts.isEmpty() ? "formatting or order only" : String.join("; ", parts);
    }

    private static Map<String, JsonNode> byName(String value) {
        Map<String, JsonNode> routes = new LinkedHashMap<>();
        if (value != null) {
            parse(value)
                    .ifPresent(root -> routes(root)
                            .forEach(route -> name(route).ifPresent(name -> routes.putIfAbsent(name, route))));
        }
        return routes;
    }
}
