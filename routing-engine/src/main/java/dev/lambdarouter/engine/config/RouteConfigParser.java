package dev.lambdarouter.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lambdarouter.engine.RouteSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads route configurations from a {@link RouteSource}: one route object or an array of route objects. Strict:
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

  /** Parses {@code source}; never throws for bad input, problems are returned in the result. */
  public ParsedSource parse(RouteSource source) {
    String origin = source.origin();
    List<String> problems = new ArrayList<>();
    List<RouteConfig> routes = new ArrayList<>();
    JsonNode root;
    try {
      root = MAPPER.readTree(source.json());
    } catch (JsonProcessingException e) {
      problems.add(origin + ": malformed JSON: " + describe(e));
      return new ParsedSource(origin, routes, problems);
    }
    if (root == null || root.isMissingNode()) {
      problems.add(origin + ": empty value; expected a route object or an array of route objects");
    } else if (root.isObject()) {
      bind(origin, root, -1, routes, problems);
    } else if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        JsonNode element = root.get(i);
        if (element.isObject()) {
          bind(origin, element, i, routes, problems);
        } else {
          problems.add(origin + ": element [" + i + "] is " + element.getNodeType().name().toLowerCase()
              + ", expected a route object");
        }
      }
    } else {
      problems.add(origin + ": expected a route object or an array of route objects, got "
          + root.getNodeType().name().toLowerCase());
    }
    return new ParsedSource(origin, routes, problems);
  }

  private static void bind(String origin, JsonNode node, int index, List<RouteConfig> routes, List<String> problems) {
    JsonNode nameNode = node.get("name");
    String label = origin + ": " + (nameNode != null && nameNode.isTextual()
        ? "route '" + nameNode.asText() + "'"
        : index < 0 ? "unnamed route" : "unnamed route at [" + index + "]") + ": ";
    List<String> unknownFields = new ArrayList<>();
    try {
      RouteConfig route = ROUTE_READER.withHandler(new UnknownFieldCollector(label, unknownFields)).readValue(node);
      problems.addAll(unknownFields);
      routes.add(route);
    } catch (JsonMappingException e) {
      problems.addAll(unknownFields);
      problems.add(label + "invalid value" + location(e) + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      problems.addAll(unknownFields);
      problems.add(label + "unreadable route: " + firstLine(e.getMessage()));
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = firstLine(e.getOriginalMessage());
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
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

  /** Records every unknown field (with its path) instead of failing on the first one. */
  private static final class UnknownFieldCollector extends DeserializationProblemHandler {
    private final String label;
    private final List<String> problems;

    UnknownFieldCollector(String label, List<String> problems) {
      this.label = label;
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
      String path = pathOf(p.getParsingContext().getParent(), propertyName);
      StringBuilder message = new StringBuilder(label).append("unknown field '").append(path).append('\'');
      Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
      if (known != null && !known.isEmpty()) {
        TreeSet<String> names = new TreeSet<>();
        known.forEach(name -> names.add(String.valueOf(name)));
        message.append(" (known fields: ").append(String.join(", ", names)).append(')');
      }
      problems.add(message.toString());
      p.skipChildren();
      return true;
    }

    private static String pathOf(JsonStreamContext context, String leaf) {
      List<String> parts = new ArrayList<>();
      for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inArray()) {
          parts.add(0, "[" + c.getCurrentIndex() + "]");
        } else if (c.getCurrentName() != null) {
          parts.add(0, "." + c.getCurrentName());
        }
      }
      StringBuilder path = new StringBuilder();
      parts.forEach(path::append);
      path.append('.').append(leaf);
      return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
  }
}
