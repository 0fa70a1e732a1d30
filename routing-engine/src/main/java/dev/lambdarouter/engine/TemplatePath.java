package dev.lambdarouter.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A path template such as {@code /orders/{id}/items/{item}}: literal segments must be equal, each {@code {name}}
 * segment captures exactly one non-empty segment. The number of segments must be equal (no trailing-slash
 * leniency). Captured values are percent-decoded.
 */
final class TemplatePath extends PathPattern {
    private final String template;
    /** Literal text of each segment; {@code null} for a parameter segment. */
    private final String[] literals;
    /** Parameter name of each segment; {@code null} for a literal segment. */
    private final String[] parameters;

    TemplatePath(String template) {
        PathPattern.requireAbsolute("template", template);
        this.template = template;
        String[] segments = template.substring(1).split("/", -1);
        this.literals = new String[segments.length];
        this.parameters = new String[segments.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            int open = segment.indexOf('{');
            int close = segment.indexOf('}');
            if (open < 0 && close < 0) {
                literals[i] = segment;
                continue;
            }
            if (open != 0 || close != segment.length() - 1 || segment.indexOf('{', 1) >= 0) {
                throw new IllegalArgumentException(
                        "template '" + template + "': segment '" + segment
                                + "' has unbalanced braces or mixes text and a parameter; a parameter must be a whole segment like {id}");
            }
            String name = segment.substring(1, segment.length() - 1);
            if (!isParameterName(name)) {
                throw new IllegalArgumentException("template '" + template + "': parameter name '" + name
                        + "' must start with a letter or '_' and contain only letters, digits and '_'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(
                        "template '" + template + "': parameter '" + name + "' appears more than once");
            }
            parameters[i] = name;
        }
    }

    @Override
    boolean matches(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        for (int i = 0; i < literals.length; i++) {
            int end = PathPattern.segmentEnd(path, start);
            String literal = literals[i];
            if (literal != null) {
                if (end - start != literal.length() || !path.startsWith(literal, start)) {
                    return false;
                }
            } else if (end == start) {
                return false;
            }
            boolean last = i == literals.length - 1;
            if (last) {
                return end == path.length();
            }
            if (end == path.length()) {
                return false;
            }
            start = end + 1;
        }
        return false;
    }

    /** Built as {@code Map.of} for one or two parameters, the usual case: no intermediate map. */
    @Override
    Map<String, String> captures(String path) {
        String firstName = null;
        String firstValue = null;
        String secondName = null;
        String secondValue = null;
        Map<String, String> more = null;
        int start = 1;
        for (int i = 0; i < parameters.length && start <= path.length(); i++) {
            int end = PathPattern.segmentEnd(path, start);
            if (parameters[i] != null) {
                String value = PercentDecoding.decode(path.substring(start, end));
                if (firstName == null) {
                    firstName = parameters[i];
                    firstValue = value;
                } else if (secondName == null) {
                    secondName = parameters[i];
                    secondValue = value;
                } else {
                    if (more == null) {
                        more = new HashMap<>();
                        more.put(firstName, firstValue);
                        more.put(secondName, secondValue);
                    }
                    more.put(parameters[i], value);
                }
            }
            start = end + 1;
        }
        if (more != null) {
            return Map.copyOf(more);
        }
        if (secondName != null) {
            return Map.of(firstName, firstValue, secondName, secondValue);
        }
        return firstName != null ? Map.of(firstName, firstValue) : Map.of();
    }

    @Override
    List<String> literalSegments() {
        int count = 0;
        while (count < literals.length && literals[count] != null) {
            count++;
        }
        return List.copyOf(java.util.Arrays.asList(literals).subList(0, count));
    }

    private static boolean isParameterName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "template " + template;
    }
}
