package dev.lambdarouter.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code FUNCTION=WEIGHT} arguments of {@code routes set-weights}. */
final class WeightArguments {
    private WeightArguments() {}

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
}
