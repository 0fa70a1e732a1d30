package dev.lambdarouter.localstack.ssm;

import java.util.Locale;
import java.util.regex.Pattern;

/** Parameter name and hierarchy rules of Parameter Store. */
final class ParameterNames {
    static final int MAX_NAME_LENGTH = 2048;
    static final int MAX_HIERARCHY_LEVELS = 15;

    private static final Pattern PLAIN = Pattern.compile("[a-zA-Z0-9_.\\-]+");
    private static final Pattern HIERARCHICAL = Pattern.compile("(/[a-zA-Z0-9_.\\-]+)+");
    private static final String NAME_RULES =
            "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can"
                    + " consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers"
                    + " and the following 3 symbols .-_";

    private ParameterNames() {}

    /** Rejects a name {@code PutParameter} would reject, with the error AWS answers. */
    static void validateForCreate(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw SsmError.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must have length "
                    + (name.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_NAME_LENGTH));
        }
        if (name.indexOf('/') > 0) {
            throw SsmError.validation("Parameter name must be a fully qualified name.");
        }
        boolean hierarchical = name.startsWith("/");
        if (!(hierarchical ? HIERARCHICAL : PLAIN).matcher(name).matches()) {
            throw SsmError.validation(NAME_RULES);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String unrooted = hierarchical ? lower.substring(1) : lower;
        if (unrooted.startsWith("aws") || unrooted.startsWith("ssm")) {
            boolean isPath = name.indexOf('/', 1) > 0;
            if (isPath && lower.startsWith("/aws")) {
                throw SsmError.of("AccessDeniedException", "No access to reserved parameter name: " + name + ".");
            }
            throw SsmError.validation(
                    isPath
                            ? NAME_RULES.replace("\"aws\" or \"ssm\"", "\"ssm\"")
                            : "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        }
        if (levels(name) > MAX_HIERARCHY_LEVELS) {
            throw SsmError.of(
                    "HierarchyLevelLimitExceededException",
                    "A hierarchy can have a maximum of " + MAX_HIERARCHY_LEVELS + " levels. The name " + name + " has "
                            + levels(name) + ".");
        }
    }

    /** Rejects a {@code GetParametersByPath} path that is not a hierarchy. */
    static void validatePath(String path) {
        if (!path.equals("/")
                && !HIERARCHICAL
                        .matcher(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                        .matches()) {
            throw SsmError.validation(
                    "The parameter path must begin with a forward slash (/) and consist of sub-paths of"
                            + " letters, numbers and .-_ divided by slashes: " + path);
        }
    }

    /**
     * The identity of a name: a one-level name is the same parameter with or without its leading slash
     * ({@code /name} and {@code name}), as in Parameter Store.
     */
    static String key(String name) {
        if (name.startsWith("/") && name.indexOf('/', 1) < 0) {
            return name.substring(1);
        }
        return name;
    }

    /** Whether a parameter named {@code name} lies under {@code path} (directly, or at any depth when recursive). */
    static boolean isUnder(String name, String path, boolean recursive) {
        String absolute = name.startsWith("/") ? name : "/" + name;
        String prefix = path.endsWith("/") ? path : path + "/";
        if (!absolute.startsWith(prefix) || absolute.length() == prefix.length()) {
            return false;
        }
        return recursive || absolute.indexOf('/', prefix.length()) < 0;
    }

    /** The ARN Parameter Store gives a parameter: the name without its leading slash after {@code parameter/}. */
    static String arn(String region, String accountId, String name) {
        return "arn:aws:ssm:" + region + ":" + accountId + ":parameter/"
                + (name.startsWith("/") ? name.substring(1) : name);
    }

    /** The parameter name an ARN refers to, or the argument unchanged when it is not a parameter ARN. */
    static String fromArn(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        int at = nameOrArn.indexOf(":parameter/");
        if (at < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(at + ":parameter/".length());
        return rest.indexOf('/') >= 0 ? "/" + rest : rest;
    }

    private static int levels(String name) {
        int levels = 0;
        for (String segment : name.split("/")) {
            if (!segment.isEmpty()) {
                levels++;
            }
        }
        return levels;
    }
}
