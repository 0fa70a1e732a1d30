package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code ParameterFilters} (and legacy {@code Filters}) the local store understands. It supports the keys that
 * describe what it stores and answers {@code InvalidFilterKey} for the others rather than ignoring them:
 * <ul>
 *   <li>{@code GetParametersByPath}: {@code Type}; {@code Label} (never matches: the local store has no labels).
 *   <li>{@code DescribeParameters}: {@code Name}, {@code Type}, {@code Path}; legacy {@code Filters} {@code Name}
 *       (begins with) and {@code Type}.
 * </ul>
 */
final class ParameterFilters {
    private ParameterFilters() {}

    static Predicate<ParameterVersion> forGetParametersByPath(JsonNode parameterFilters) {
        return combine(parameterFilters, true);
    }

    static Predicate<ParameterVersion> forDescribeParameters(JsonNode filters, JsonNode parameterFilters) {
        boolean hasLegacy = filters != null && filters.isArray() && !filters.isEmpty();
        boolean hasNew = parameterFilters != null && parameterFilters.isArray() && !parameterFilters.isEmpty();
        if (hasLegacy && hasNew) {
            throw SsmError.validation("You can use either Filters or ParameterFilters in a single request.");
        }
        return hasLegacy ? legacy(filters) : combine(parameterFilters, false);
    }

    private static Predicate<ParameterVersion> combine(JsonNode parameterFilters, boolean byPath) {
        Predicate<ParameterVersion> all = p -> true;
        if (parameterFilters == null || parameterFilters.isNull()) {
            return all;
        }
        if (!parameterFilters.isArray()) {
            throw SsmError.serialization("ParameterFilters must be a list");
        }
        for (JsonNode filter : parameterFilters) {
            all = all.and(one(filter, byPath));
        }
        return all;
    }

    private static Predicate<ParameterVersion> one(JsonNode filter, boolean byPath) {
        String key = filter.path("Key").asText("");
        List<String> values = values(filter);
        String option = filter.hasNonNull("Option")
                ? filter.get("Option").asText()
                : key.equals("Path") ? "OneLevel" : "Equals";
        switch (key) {
            case "Type":
                requireOption(key, option, "Equals", "BeginsWith");
                return p -> option.equals("Equals")
                        ? values.contains(p.type())
                        : values.stream().anyMatch(v -> p.type().startsWith(v));
            case "Label":
                if (byPath) {
                    return p -> false;
                }
                break;
            case "Name":
                if (!byPath) {
                    requireOption(key, option, "Equals", "BeginsWith", "Contains");
                    return p -> {
                        String name = "/" + stripLeadingSlashes(p.name());
                        return switch (option) {
                            case "Contains" -> values.stream().anyMatch(name::contains);
                            case "BeginsWith" ->
                                values.stream().anyMatch(v -> name.startsWith("/" + stripLeadingSlashes(v)));
                            default -> values.stream().anyMatch(v -> name.equals("/" + stripLeadingSlashes(v)));
                        };
                    };
                }
                break;
            case "Path":
                if (!byPath) {
                    requireOption(key, option, "OneLevel", "Recursive");
                    boolean recursive = option.equals("Recursive");
                    return p -> values.stream().anyMatch(v -> ParameterNames.isUnder(p.name(), v, recursive));
                }
                break;
            default:
                break;
        }
        throw SsmError.of(
                "InvalidFilterKey",
                "The filter key " + key + " is not supported by the local Parameter Store"
                        + " for "
                        + (byPath
                                ? "GetParametersByPath (supported: Type, Label)"
                                : "DescribeParameters (supported: Name, Type, Path)")
                        + ".");
    }

    private static Predicate<ParameterVersion> legacy(JsonNode filters) {
        Predicate<ParameterVersion> all = p -> true;
        for (JsonNode filter : filters) {
            String key = filter.path("Key").asText("");
            List<String> values = values(filter);
            switch (key) {
                case "Name" ->
                    all = all.and(p -> values.stream().anyMatch(v -> p.name().startsWith(v)));
                case "Type" -> all = all.and(p -> values.contains(p.type()));
                default ->
                    throw SsmError.of(
                            "InvalidFilterKey",
                            "The filter key " + key
                                    + " is not supported by the local Parameter Store (supported: Name, Type).");
            }
        }
        return all;
    }

    private static List<String> values(JsonNode filter) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : filter.path("Values")) {
            values.add(v.asText());
        }
        return values;
    }

    private static void requireOption(String key, String option, String... allowed) {
        for (String a : allowed) {
            if (a.equals(option)) {
                return;
            }
        }
        throw SsmError.of(
                "InvalidFilterOption",
                "The option " + option + " is not valid for the filter key " + key + ". Valid options: "
                        + String.join(", ", allowed) + ".");
    }

    private static String stripLeadingSlashes(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        return s.substring(i);
    }
}
