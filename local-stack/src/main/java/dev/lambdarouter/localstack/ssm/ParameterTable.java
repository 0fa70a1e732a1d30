package dev.lambdarouter.localstack.ssm;

import dev.lambdarouter.localstack.template.LocalAccount;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters and the rules for changing them: names and paths, versions, overwrite, tiers and their value limits. Every change is
 * saved to the {@link StateFile} before it becomes visible; when saving fails the change is undone. Parameters keep
 * their creation order (an overwrite keeps the position), which is the order listings return, as moto does.
 * Thread-safe: one lock guards everything.
 */
final class ParameterTable {
    static final int MAX_VERSIONS = 100;
    static final int STANDARD_MAX_VALUE = 4096;
    static final int ADVANCED_MAX_VALUE = 8192;
    static final int MAX_NAME_LENGTH = 2048;
    /** Who created the parameters seeded from the template. */
    static final String LOCAL_STACK_USER = userArn("local-stack");

    private static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");
    private static final String STANDARD = "Standard";
    private static final String ADVANCED = "Advanced";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]+|(/[a-zA-Z0-9_.\\-]+)+");
    private static final Pattern PATH = Pattern.compile("/|(/[a-zA-Z0-9_.\\-]+)+/?");

    private final Map<String, List<ParameterVersion>> byKey = new LinkedHashMap<>();
    private final StateFile stateFile;
    private final Clock clock;

    ParameterTable(StateFile stateFile, Clock clock) throws IOException {
        this.stateFile = stateFile;
        this.clock = clock;
        for (List<ParameterVersion> versions : stateFile.load()) {
            byKey.put(key(latest(versions).name()), new ArrayList<>(versions));
        }
    }

    /** {@code PutParameter} by {@code user} (an IAM ARN): creates version 1, or with {@code overwrite} the next one. */
    synchronized ParameterVersion put(
            String name, String value, String type, String tier, boolean overwrite, String user) {
        if (name == null || value == null) {
            throw SsmError.mustNotBeNull(name == null ? "name" : "value");
        }
        validateForCreate(name);
        List<ParameterVersion> history = byKey.get(key(name));
        ParameterVersion previous = history == null ? null : latest(history);
        String effectiveType = type != null ? type : previous != null ? previous.type() : null;
        if (effectiveType == null) {
            throw SsmError.validation("A parameter type is required when you create a parameter.");
        }
        if (!TYPES.contains(effectiveType)) {
            throw SsmError.validation("1 validation error detected: Value '" + effectiveType + "' at 'type' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }
        if (tier != null && !tier.equals(STANDARD) && !tier.equals(ADVANCED)) {
            throw SsmError.validation(
                    "The local Parameter Store supports the tiers Standard and Advanced, not " + tier);
        }
        if (previous != null && !overwrite) {
            throw SsmError.of(
                    "ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request"
                            + " to true.");
        }
        String effectiveTier = tier != null ? tier : previous != null ? previous.tier() : STANDARD;
        if (STANDARD.equals(effectiveTier) && previous != null && ADVANCED.equals(previous.tier())) {
            throw SsmError.validation("This parameter uses the advanced-parameter tier. You can't downgrade a parameter"
                    + " from the advanced-parameter tier to the standard-parameter tier.");
        }
        checkValue(effectiveTier, value);
        ParameterVersion stored = new ParameterVersion(
                name,
                effectiveType,
                value,
                previous == null ? 1 : previous.version() + 1,
                clock.millis(),
                effectiveTier,
                user);
        List<ParameterVersion> updated = history == null ? new ArrayList<>() : new ArrayList<>(history);
        updated.add(stored);
        if (updated.size() > MAX_VERSIONS) {
            updated.remove(0);
        }
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        byKey.put(key(name), updated);
        saveOrRestore(before);
        return stored;
    }

    synchronized ParameterVersion get(String name) {
        return latest(history(name));
    }

    /** {@code GetParameterHistory}: every kept version (the last {@value #MAX_VERSIONS}), oldest first. */
    synchronized List<ParameterVersion> history(String name) {
        if (name == null) {
            throw SsmError.mustNotBeNull("name");
        }
        List<ParameterVersion> history = byKey.get(key(name));
        if (history == null) {
            throw SsmError.parameterNotFound(name);
        }
        return List.copyOf(history);
    }

    /**
     * {@code DeleteParameters}: removes each named parameter with its whole history (a later {@code PutParameter}
     * starts again at version 1), as Parameter Store does.
     *
     * @return the names that existed and were deleted, in the order given
     */
    synchronized List<String> delete(List<String> names) {
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        List<String> deleted =
                names.stream().filter(name -> byKey.remove(key(name)) != null).toList();
        if (!deleted.isEmpty()) {
            saveOrRestore(before);
        }
        return deleted;
    }

    /** The latest version of every parameter under {@code path}, in creation order. */
    synchronized List<ParameterVersion> latestUnder(String path, boolean recursive) {
        return byKey.values().stream()
                .map(ParameterTable::latest)
                .filter(p -> isUnder(p.name(), path, recursive))
                .toList();
    }

    /**
     * Creates each parameter (type String, Standard tier) whose name does not exist yet; leaves existing ones as they
     * are. All or nothing: an invalid name or value rejects the whole seed.
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong with it
     */
    synchronized void seed(Map<String, String> stringParameters) {
        Map<String, List<ParameterVersion>> before = new LinkedHashMap<>(byKey);
        long now = clock.millis();
        stringParameters.forEach((name, value) -> {
            try {
                validateForCreate(name);
                checkValue(STANDARD, value == null ? "" : value);
            } catch (SsmError e) {
                byKey.clear();
                byKey.putAll(before);
                throw new IllegalArgumentException("Cannot seed parameter " + name + ": " + e.getMessage(), e);
            }
            byKey.putIfAbsent(
                    key(name),
                    new ArrayList<>(
                            List.of(new ParameterVersion(name, "String", value, 1, now, STANDARD, LOCAL_STACK_USER))));
        });
        if (!byKey.equals(before)) {
            saveOrRestore(before);
        }
    }

    private static void checkValue(String tier, String value) {
        if (value.isEmpty()) {
            throw SsmError.validation("1 validation error detected: Value '' at 'value' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1.");
        }
        int limit = STANDARD.equals(tier) ? STANDARD_MAX_VALUE : ADVANCED_MAX_VALUE;
        if (value.length() > limit) {
            throw SsmError.validation(tier + " tier parameters support a maximum parameter value of " + limit
                    + " characters."
                    + (limit == STANDARD_MAX_VALUE
                            ? " To create a larger parameter value, upgrade the parameter to use the"
                                    + " advanced-parameter tier."
                            : ""));
        }
    }

    private static ParameterVersion latest(List<ParameterVersion> history) {
        return history.get(history.size() - 1);
    }

    private void saveOrRestore(Map<String, List<ParameterVersion>> before) {
        try {
            stateFile.save(byKey.values());
        } catch (IOException | RuntimeException e) {
            byKey.clear();
            byKey.putAll(before);
            throw new SsmError(
                    "InternalServerError",
                    "Could not save the Parameter Store state file " + stateFile.path + ": " + e,
                    500);
        }
    }

    /** Parameter names: rejects a name {@code PutParameter} would reject, with the error AWS answers. */
    static void validateForCreate(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw SsmError.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must have length "
                    + (name.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_NAME_LENGTH));
        }
        String unrooted = name.toLowerCase(Locale.ROOT).replaceFirst("^/", "");
        if (!NAME.matcher(name).matches() || unrooted.startsWith("aws") || unrooted.startsWith("ssm")) {
            throw SsmError.validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."
                    + " If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be"
                    + " formed as a mix of letters, numbers and the following 3 symbols .-_");
        }
    }

    /** Rejects a {@code GetParametersByPath} path that is not a hierarchy. */
    static void validatePath(String path) {
        if (!PATH.matcher(path).matches()) {
            throw SsmError.validation("The parameter path must begin with a forward slash (/) and consist of sub-paths"
                    + " of letters, numbers and .-_ divided by slashes: " + path);
        }
    }

    /**
     * The identity of a name: a one-level name is the same parameter with or without its leading slash
     * ({@code /name} and {@code name}), as in Parameter Store.
     */
    static String key(String name) {
        return name.startsWith("/") && name.indexOf('/', 1) < 0 ? name.substring(1) : name;
    }

    /** Whether a parameter named {@code name} lies under {@code path} (directly, or at any depth when recursive). */
    static boolean isUnder(String name, String path, boolean recursive) {
        String absolute = name.startsWith("/") ? name : "/" + name;
        String prefix = path.endsWith("/") ? path : path + "/";
        return absolute.startsWith(prefix)
                && absolute.length() > prefix.length()
                && (recursive || absolute.indexOf('/', prefix.length()) < 0);
    }

    /** The ARN of the IAM user a request was signed as (the local store takes the access key id as the name). */
    static String userArn(String accessKeyId) {
        return "arn:aws:iam::" + LocalAccount.DEFAULT_ACCOUNT_ID + ":user/" + accessKeyId;
    }

    /** The ARN Parameter Store gives a parameter: the name without its leading slash after {@code parameter/}. */
    static String arn(String region, String name) {
        return "arn:aws:ssm:" + region + ":" + LocalAccount.DEFAULT_ACCOUNT_ID + ":parameter/"
                + (name.startsWith("/") ? name.substring(1) : name);
    }
}
