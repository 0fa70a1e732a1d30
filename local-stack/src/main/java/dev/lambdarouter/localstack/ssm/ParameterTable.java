package dev.lambdarouter.localstack.ssm;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parameters and the rules for changing them: versions, overwrite, tiers and their value limits. Every change is
 * saved to the {@link StateFile} before it becomes visible; when saving fails the change is undone. Parameters keep
 * their creation order (an overwrite keeps the position, a delete and re-create moves to the end), which is the
 * order listings return, as moto does. Thread-safe: one lock guards everything.
 */
final class ParameterTable {
    static final int MAX_VERSIONS = 100;
    static final int STANDARD_MAX_VALUE = 4096;
    static final int ADVANCED_MAX_VALUE = 8192;
    static final int MAX_DESCRIPTION = 1024;

    private static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");
    private static final Set<String> DATA_TYPES = Set.of("text", "aws:ec2:image", "aws:ssm:integration");
    private static final String STANDARD = "Standard";
    private static final String ADVANCED = "Advanced";
    private static final String INTELLIGENT = "Intelligent-Tiering";

    /** A parameter found by {@link #get}: the version and the selector ({@code ":3"}) it was asked for with, if any. */
    record Found(ParameterVersion parameter, String selector) {}

    private final Map<String, List<ParameterVersion>> byKey = new LinkedHashMap<>();
    private final StateFile stateFile;
    private final Clock clock;

    ParameterTable(StateFile stateFile, Clock clock) throws IOException {
        this.stateFile = stateFile;
        this.clock = clock;
        for (List<ParameterVersion> versions : stateFile.load()) {
            byKey.put(ParameterNames.key(versions.get(versions.size() - 1).name()), new ArrayList<>(versions));
        }
    }

    synchronized ParameterVersion put(PutParameterRequest request) {
        String name = request.name();
        if (name == null) {
            throw SsmError.mustNotBeNull("name");
        }
        String value = request.value();
        if (value == null) {
            throw SsmError.mustNotBeNull("value");
        }
        if (value.isEmpty()) {
            throw SsmError.validation("1 validation error detected: Value '' at 'value' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1.");
        }
        ParameterNames.validateForCreate(name);
        if (request.overwrite() && request.hasTags()) {
            throw SsmError.validation(
                    "Invalid request: tags and overwrite can't be used together. To create a parameter"
                            + " with tags, please remove overwrite flag. To update tags for an existing parameter, please use"
                            + " AddTagsToResource or RemoveTagsFromResource.");
        }
        String key = ParameterNames.key(name);
        List<ParameterVersion> history = byKey.get(key);
        ParameterVersion previous = history == null ? null : history.get(history.size() - 1);

        String type = request.type() != null ? request.type() : previous != null ? previous.type() : null;
        if (type == null) {
            throw SsmError.validation("A parameter type is required when you create a parameter.");
        }
        if (!TYPES.contains(type)) {
            throw SsmError.validation("1 validation error detected: Value '" + type + "' at 'type' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }
        String dataType =
                request.dataType() != null ? request.dataType() : previous != null ? previous.dataType() : "text";
        if (!DATA_TYPES.contains(dataType)) {
            throw SsmError.validation(
                    "The following data type is not supported: " + dataType + " (Data type names are all lowercase.)");
        }
        String description = request.description() != null
                ? request.description()
                : previous != null ? previous.description() : null;
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw SsmError.validation(
                    "1 validation error detected: Value at 'description' failed to satisfy constraint:"
                            + " Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
        if (request.tier() != null && !Set.of(STANDARD, ADVANCED, INTELLIGENT).contains(request.tier())) {
            throw SsmError.validation(
                    "1 validation error detected: Value '" + request.tier() + "' at 'tier' failed to"
                            + " satisfy constraint: Member must satisfy enum value set: [Advanced, Intelligent-Tiering, Standard]");
        }
        if (previous != null && !request.overwrite()) {
            throw SsmError.alreadyExists();
        }
        String tier = effectiveTier(request.tier(), previous, value);
        checkValueSize(tier, value);
        String allowedPattern = request.allowedPattern() != null
                ? request.allowedPattern()
                : previous != null ? previous.allowedPattern() : null;
        checkAllowedPattern(allowedPattern, value);

        ParameterVersion stored = new ParameterVersion(
                name,
                type,
                value,
                previous == null ? 1 : previous.version() + 1,
                now(),
                tier,
                dataType,
                description,
                allowedPattern);
        List<ParameterVersion> updated = history == null ? new ArrayList<>() : new ArrayList<>(history);
        updated.add(stored);
        if (updated.size() > MAX_VERSIONS) {
            updated.remove(0);
        }
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        byKey.put(key, updated);
        saveOrRestore(before);
        return stored;
    }

    /** The latest version, or with a {@code name:version} selector that version; by name or by ARN. */
    synchronized Found get(String nameOrArn) {
        if (nameOrArn == null) {
            throw SsmError.mustNotBeNull("name");
        }
        String name = ParameterNames.fromArn(nameOrArn);
        int colon = name.indexOf(':');
        String selector = colon < 0 ? null : name.substring(colon);
        String bareName = colon < 0 ? name : name.substring(0, colon);
        List<ParameterVersion> history = byKey.get(ParameterNames.key(bareName));
        if (history == null || (selector != null && selector.indexOf(':', 1) >= 0)) {
            throw SsmError.parameterNotFound(nameOrArn);
        }
        if (selector == null) {
            return new Found(history.get(history.size() - 1), null);
        }
        String version = selector.substring(1);
        if (version.isEmpty() || !version.chars().allMatch(Character::isDigit)) {
            // A label selector: the local store has no labels, so no label can match.
            throw SsmError.parameterNotFound(nameOrArn);
        }
        long wanted;
        try {
            wanted = Long.parseLong(version);
        } catch (NumberFormatException tooLarge) {
            throw SsmError.versionNotFound(bareName, version);
        }
        for (ParameterVersion v : history) {
            if (v.version() == wanted) {
                return new Found(v, selector);
            }
        }
        throw SsmError.versionNotFound(bareName, version);
    }

    /** The latest version of every parameter under {@code path}, in creation order. */
    synchronized List<ParameterVersion> latestUnder(String path, boolean recursive) {
        List<ParameterVersion> result = new ArrayList<>();
        for (List<ParameterVersion> history : byKey.values()) {
            ParameterVersion latest = history.get(history.size() - 1);
            if (ParameterNames.isUnder(latest.name(), path, recursive)) {
                result.add(latest);
            }
        }
        return result;
    }

    /** The latest version of every parameter, in creation order. */
    synchronized List<ParameterVersion> latestAll() {
        List<ParameterVersion> result = new ArrayList<>(byKey.size());
        for (List<ParameterVersion> history : byKey.values()) {
            result.add(history.get(history.size() - 1));
        }
        return result;
    }

    synchronized void delete(String name) {
        if (name == null) {
            throw SsmError.mustNotBeNull("name");
        }
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        if (byKey.remove(ParameterNames.key(name)) == null) {
            throw SsmError.parameterNotFound(name);
        }
        saveOrRestore(before);
    }

    /** Deletes those that exist; answers the names that were deleted. */
    synchronized List<String> deleteAll(List<String> names) {
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        List<String> deleted = new ArrayList<>();
        for (String name : names) {
            if (byKey.remove(ParameterNames.key(name)) != null) {
                deleted.add(name);
            }
        }
        if (!deleted.isEmpty()) {
            saveOrRestore(before);
        }
        return deleted;
    }

    /**
     * Creates each parameter (type String, Standard tier) whose name does not exist yet; leaves existing ones as they
     * are. All or nothing: an invalid name or value rejects the whole seed.
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong with it
     */
    synchronized List<String> seed(Map<String, String> stringParameters) {
        List<ParameterVersion> created = new ArrayList<>();
        Instant now = now();
        for (Map.Entry<String, String> entry : stringParameters.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            try {
                ParameterNames.validateForCreate(name);
                if (value == null || value.isEmpty()) {
                    throw SsmError.validation("a parameter value must not be empty");
                }
                checkValueSize(STANDARD, value);
            } catch (SsmError e) {
                throw new IllegalArgumentException("Cannot seed parameter " + name + ": " + e.getMessage(), e);
            }
            if (!byKey.containsKey(ParameterNames.key(name))) {
                created.add(new ParameterVersion(name, "String", value, 1, now, STANDARD, "text", null, null));
            }
        }
        if (created.isEmpty()) {
            return List.of();
        }
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        List<String> names = new ArrayList<>();
        for (ParameterVersion p : created) {
            if (byKey.putIfAbsent(ParameterNames.key(p.name()), new ArrayList<>(List.of(p))) == null) {
                names.add(p.name());
            }
        }
        saveOrRestore(before);
        return names;
    }

    /** Name to latest value of every parameter under {@code path} at any depth, sorted by name. */
    synchronized Map<String, String> valuesUnder(String path) {
        Map<String, String> values = new TreeMap<>();
        for (ParameterVersion p : latestUnder(path, true)) {
            values.put(p.name(), p.value());
        }
        return values;
    }

    private static String effectiveTier(String requested, ParameterVersion previous, String value) {
        boolean wasAdvanced = previous != null && ADVANCED.equals(previous.tier());
        if (requested == null) {
            return previous != null ? previous.tier() : STANDARD;
        }
        if (INTELLIGENT.equals(requested)) {
            return wasAdvanced || value.length() > STANDARD_MAX_VALUE ? ADVANCED : STANDARD;
        }
        if (STANDARD.equals(requested) && wasAdvanced) {
            throw SsmError.validation("This parameter uses the advanced-parameter tier. You can't downgrade a parameter"
                    + " from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the"
                    + " advanced parameter and recreate it as a standard parameter.");
        }
        return requested;
    }

    private static void checkValueSize(String tier, String value) {
        if (STANDARD.equals(tier) && value.length() > STANDARD_MAX_VALUE) {
            throw SsmError.validation(
                    "Standard tier parameters support a maximum parameter value of " + STANDARD_MAX_VALUE
                            + " characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter"
                            + " tier. For more information, see"
                            + " https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
        }
        if (ADVANCED.equals(tier) && value.length() > ADVANCED_MAX_VALUE) {
            throw SsmError.validation("Advanced tier parameters support a maximum parameter value of "
                    + ADVANCED_MAX_VALUE + " characters.");
        }
    }

    private static void checkAllowedPattern(String allowedPattern, String value) {
        if (allowedPattern == null) {
            return;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(allowedPattern);
        } catch (PatternSyntaxException e) {
            throw SsmError.of(
                    "InvalidAllowedPatternException",
                    "The allowed pattern is not a valid regular expression: " + e.getDescription());
        }
        if (!pattern.matcher(value).matches()) {
            throw SsmError.of(
                    "ParameterPatternMismatchException",
                    "Parameter value, cannot be validated against allowedPattern: " + allowedPattern);
        }
    }

    private void saveOrRestore(Map<String, List<ParameterVersion>> before) {
        try {
            stateFile.save(byKey.values());
        } catch (IOException | RuntimeException e) {
            byKey.clear();
            byKey.putAll(before);
            throw SsmError.internal("Could not save the Parameter Store state file " + stateFile.path() + ": " + e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
