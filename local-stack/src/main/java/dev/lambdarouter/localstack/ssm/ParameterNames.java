package dev.lambdarouter.localstack.ssm;

import dev.lambdarouter.localstack.template.LocalAccount;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parameter name and hierarchy rules of Parameter Store. */
final class ParameterNames {
    static final int MAX_NAME_LENGTH = 2048;
    /** Who created the parameters seeded from the template. */
    static final String LOCAL_STACK_USER = userArn("local-stack");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]+|(/[a-zA-Z0-9_.\\-]+)+");
    private static final Pattern PATH = Pattern.compile("/|(/[a-zA-Z0-9_.\\-]+)+/?");

    private ParameterNames() {}

    /** Rejects a name {@code PutParameter} would reject, with the error AWS answers. */
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
