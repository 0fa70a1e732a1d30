package dev.lambdarouter.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rollout documents as JSON: {@link #parse} (strict: unknown fields, missing fields, wrong types and out-of-range
 * values are errors naming the field) and {@link #write} (compact JSON of a valid document).
 */
public final class RolloutDocuments {
    /** Route names, as the routing engine allows them. */
    static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The shortest step interval: the controller runs every minute on AWS; the local stack can run it faster. */
    public static final long MIN_STEP_INTERVAL_SECONDS = 10;
    /** DescribeAlarms takes at most 100 alarm names. */
    public static final int MAX_ALARMS = 100;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RolloutDocuments() {}

    /**
     * Reads and validates a document.
     *
     * @throws RolloutDocumentException listing every problem, each naming its field
     */
    public static RolloutDocument parse(String json) {
        RolloutDocument document;
        try {
            document = MAPPER.readValue(json, RolloutDocument.class);
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = new TreeSet<>();
            e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            throw new RolloutDocumentException(
                    List.of("unknown field '" + path(e) + "' (allowed there: " + String.join(", ", known) + ")"));
        } catch (JsonMappingException e) {
            throw new RolloutDocumentException(List.of(describe(e)));
        } catch (JsonProcessingException e) {
            throw new RolloutDocumentException(List.of("not JSON: " + e.getOriginalMessage()));
        }
        if (document == null) {
            throw new RolloutDocumentException(List.of("not a JSON object: null"));
        }
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            throw new RolloutDocumentException(problems);
        }
        return document;
    }

    /**
     * The document as compact JSON.
     *
     * @throws RolloutDocumentException when the document is not valid ({@link #problems})
     */
    public static String write(RolloutDocument document) {
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            throw new RolloutDocumentException(problems);
        }
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a rollout document", e);
        }
    }

    private static String describe(JsonMappingException e) {
        String field = path(e);
        String where = field.isEmpty() ? "" : "field '" + field + "': ";
        if (e instanceof InvalidFormatException format) {
            return where + "cannot read " + quote(format.getValue()) + " as " + typeName(format.getTargetType());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return where + e.getCause().getMessage();
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing creator property") || message.startsWith("Missing required creator property")) {
            return "field '" + field + "' is missing";
        }
        if (message.startsWith("Cannot map `null` into type")) {
            return where + "must not be null";
        }
        if (message.startsWith("Cannot deserialize value of type") || message.startsWith("Cannot coerce")) {
            return where + "wrong type (" + firstLine(message) + ")";
        }
        return where + firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        return type.getSimpleName();
    }

    /** {@code history[2].event}: where in the document the error is. */
    private static String path(JsonMappingException e) {
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
        return path.toString();
    }

    /** Every problem of a document read or about to be written, each naming its field; empty when it is valid. */
    public static List<String> problems(RolloutDocument d) {
        List<String> problems = new ArrayList<>();
        if (d.schema() != RolloutDocument.SCHEMA) {
            problems.add("field 'schema': must be " + RolloutDocument.SCHEMA + ", got " + d.schema());
        }
        if (d.route() == null || !ROUTE_NAME.matcher(d.route()).matches()) {
            problems.add("field 'route': must match " + ROUTE_NAME.pattern() + ", got " + quote(d.route()));
        }
        if (d.canary() == null || d.canary().isBlank()) {
            problems.add("field 'canary': must be a function name, got " + quote(d.canary()));
        }
        weights(problems, "baseline", d.baseline());
        if (d.baseline() != null) {
            if (d.baseline().isEmpty()) {
                problems.add("field 'baseline': must name at least one target");
            } else if (d.baseline().values().stream().allMatch(w -> w != null && w == 0)) {
                problems.add("field 'baseline': at least one target needs a weight above 0");
            }
            if (d.canary() != null && d.baseline().containsKey(d.canary())) {
                problems.add("field 'baseline': must not contain the canary '" + d.canary() + "'");
            }
        }
        steps(problems, d.steps());
        if (d.stepIntervalSeconds() < MIN_STEP_INTERVAL_SECONDS) {
            problems.add("field 'stepIntervalSeconds': must be at least " + MIN_STEP_INTERVAL_SECONDS + ", got "
                    + d.stepIntervalSeconds());
        }
        if (!(d.maxErrorRatePercent() >= 0 && d.maxErrorRatePercent() <= 100)) {
            problems.add("field 'maxErrorRatePercent': must be 0..100, got " + d.maxErrorRatePercent());
        }
        if (d.maxP99Ms() != null && !(d.maxP99Ms() > 0 && Double.isFinite(d.maxP99Ms()))) {
            problems.add("field 'maxP99Ms': must be above 0 or null, got " + d.maxP99Ms());
        }
        if (d.maxLatencyRatio() != null && !(d.maxLatencyRatio() > 0 && Double.isFinite(d.maxLatencyRatio()))) {
            problems.add("field 'maxLatencyRatio': must be above 0 or null, got " + d.maxLatencyRatio());
        }
        if (d.minRequests() < 0) {
            problems.add("field 'minRequests': must be >= 0, got " + d.minRequests());
        }
        alarms(problems, d.alarms());
        if (d.state() == null) {
            problems.add("field 'state': must be one of " + RolloutState.labels());
        }
        if (d.steps() != null && (d.step() < 0 || d.step() >= d.steps().size())) {
            problems.add("field 'step': must be an index into steps (0.."
                    + (d.steps().size() - 1) + "), got " + d.step());
        }
        if (d.stepStartedAt() == null) {
            problems.add("field 'stepStartedAt': must be a time (e.g. 2026-12-02T10:00:00Z)");
        }
        weights(problems, "expectedWeights", d.expectedWeights());
        if (d.revision() < 1) {
            problems.add("field 'revision': must be >= 1, got " + d.revision());
        }
        if (d.reason() == null) {
            problems.add("field 'reason': must be a string");
        }
        history(problems, d.history());
        return problems;
    }

    private static void weights(List<String> problems, String field, Map<String, Integer> weights) {
        if (weights == null) {
            problems.add("field '" + field + "': must be an object of function names to weights");
            return;
        }
        weights.forEach((function, weight) -> {
            if (function.isBlank()) {
                problems.add("field '" + field + "': a function name is empty");
            }
            if (weight == null || weight < 0) {
                problems.add(
                        "field '" + field + "." + function + "': weight must be a whole number >= 0, got " + weight);
            }
        });
    }

    private static void steps(List<String> problems, List<Integer> steps) {
        if (steps == null || steps.isEmpty()) {
            problems.add("field 'steps': must list the canary's percentages, e.g. [5, 25, 50, 100]");
            return;
        }
        Integer previous = null;
        for (Integer step : steps) {
            if (step == null || step < 1 || step > 100) {
                problems.add("field 'steps': each percentage must be 1..100, got " + step + " in " + steps);
                return;
            }
            if (previous != null && step <= previous) {
                problems.add("field 'steps': percentages must strictly increase, got " + steps);
                return;
            }
            previous = step;
        }
        if (previous != 100) {
            problems.add("field 'steps': the last step must be 100, got " + steps);
        }
    }

    private static void alarms(List<String> problems, List<String> alarms) {
        if (alarms == null) {
            problems.add("field 'alarms': must be a list of alarm names (empty for none)");
            return;
        }
        if (alarms.size() > MAX_ALARMS) {
            problems.add("field 'alarms': at most " + MAX_ALARMS + " alarms, got " + alarms.size());
        }
        Set<String> seen = new HashSet<>();
        for (String alarm : alarms) {
            if (alarm == null || alarm.isBlank()) {
                problems.add("field 'alarms': an alarm name is empty");
            } else if (!seen.add(alarm)) {
                problems.add("field 'alarms': '" + alarm + "' is listed twice");
            }
        }
    }

    private static void history(List<String> problems, List<RolloutEvent> history) {
        if (history == null) {
            problems.add("field 'history': must be a list (empty for none)");
            return;
        }
        if (history.size() > RolloutDocument.HISTORY_LIMIT) {
            problems.add(
                    "field 'history': at most " + RolloutDocument.HISTORY_LIMIT + " entries, got " + history.size());
        }
        for (int i = 0; i < history.size(); i++) {
            RolloutEvent event = history.get(i);
            String field = "history[" + i + "]";
            if (event == null) {
                problems.add("field '" + field + "': must be an object");
                continue;
            }
            if (event.at() == null) {
                problems.add("field '" + field + ".at': must be a time");
            }
            if (event.event() == null) {
                problems.add("field '" + field + ".event': must be one of start, advance, pause, resume, complete,"
                        + " rollback, abort");
            }
            weights(problems, field + ".weights", event.weights());
        }
    }
}
