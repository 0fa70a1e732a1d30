package dev.lambdarouter.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lambdarouter.engine.RouteParameter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads route configurations from a {@link RouteParameter}: one route object or an array of route objects. Strict:
 * unknown fields, duplicate keys, trailing content and wrong value types are problems. All problems of a source are
 * collected (not only the first), each naming the origin and, where known, the route. Thread-safe.
 */
public final class RouteConfigParser {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectReader ROUTE_READER = MAPPER.readerFor(RouteConfig.class);

    /** Parses {@code parameter}; never throws for bad input, problems are returned in the result. */
    public ParsedParameter parse(RouteParameter parameter) {
        String origin = parameter.name();
        List<String> problems = new ArrayList<>();
        List<RouteConfig> routes = new ArrayList<>();
        JsonNode root;
        try {
            root = MAPPER.readTree(parameter.json());
        } catch (JsonProcessingException e) {
            problems.add(origin + ": malformed JSON: " + describe(e));
            return new ParsedParameter(origin, routes, problems);
        }
        if (root == null || root.isMissingNode()) {
            problems.add(origin + ": empty value; expected a route object or an array of route objects");
        } else if (root.isObject()) {
            bind(origin, root, 0, routes, problems);
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                JsonNode element = root.get(i);
                if (element.isObject()) {
                    bind(origin, element, i, routes, problems);
                } else {
                    problems.add(origin + ": element [" + i + "] is "
                            + element.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected a route object");
                }
            }
        } else {
            problems.add(origin + ": expected a route object or an array of route objects, got "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return new ParsedParameter(origin, routes, problems);
    }

    private static void bind(String origin, JsonNode node, int index, List<RouteConfig> routes, List<String> problems) {
        JsonNode nameNode = node.get("name");
        String label = origin + ": "
                + (nameNode != null && nameNode.isTextual()
                        ? "route '" + nameNode.asText() + "'"
                        : "unnamed route at [" + index + "]")
                + ": ";
        List<String> unknownFields = new ArrayList<>();
        findUnknownFields(node, RouteConfig.class, "", label, unknownFields);
        problems.addAll(unknownFields);
        UnknownFieldSkipper skipper = new UnknownFieldSkipper();
        try {
            RouteConfig route = ROUTE_READER.withHandler(skipper).readValue(node);
            routes.add(route);
        } catch (JsonMappingException e) {
            problems.add(label + "invalid value" + location(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(label + "unreadable route: " + firstLine(e.getMessage()));
        }
        if (unknownFields.isEmpty() && !skipper.skipped.isEmpty()) {
            skipper.skipped.forEach(name -> problems.add(label + "unknown field '" + name + "'"));
        }
    }

    /**
     * Reports, in document order and with their paths, the fields of {@code node} (and of nested objects) that
     * {@code type}, a configuration record, does not have.
     */
    private static void findUnknownFields(
            JsonNode node, Class<?> type, String path, String label, List<String> problems) {
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        node.fieldNames().forEachRemaining(field -> {
            String fieldPath = path.isEmpty() ? field : path + "." + field;
            RecordComponent component = components.get(field);
            if (component == null) {
                problems.add(label + "unknown field '" + fieldPath + "' (known fields: "
                        + String.join(", ", new TreeSet<>(components.keySet())) + ")");
                return;
            }
            JsonNode value = node.get(field);
            Class<?> nested = component.getType();
            if (nested.isRecord() && value.isObject()) {
                findUnknownFields(value, nested, fieldPath, label, problems);
            } else if (List.class.isAssignableFrom(nested)
                    && value.isArray()
                    && component.getGenericType() instanceof ParameterizedType listType
                    && listType.getActualTypeArguments()[0] instanceof Class<?> elementType
                    && elementType.isRecord()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        findUnknownFields(value.get(i), elementType, fieldPath + "[" + i + "]", label, problems);
                    }
                }
            }
        });
    }

    private static String describe(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    private static String location(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " at '" + path + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Skips unknown fields during binding so the rest of a route is still read; {@link #findUnknownFields} reports
     * them. Anything skipped here is also kept, as a safety net should the two ever disagree.
     */
    private static final class UnknownFieldSkipper extends DeserializationProblemHandler {
        private final List<String> skipped = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            skipped.add(propertyName);
            p.skipChildren();
            return true;
        }
    }
}
