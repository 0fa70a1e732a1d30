package dev.lambdarouter.engine;

import java.util.regex.Pattern;

/**
 * Validates how a target names its Lambda function: {@code name}, {@code name:qualifier} (qualifier
 * {@code $LATEST}, a version number or an alias) or a full function ARN, optionally qualified.
 */
final class FunctionIdentifier {
    private static final String NAME = "[A-Za-z0-9_-]{1,64}";
    private static final String QUALIFIER = "(?:\\$LATEST|[A-Za-z0-9_-]{1,128})";
    private static final Pattern PLAIN = Pattern.compile(NAME + "(?::" + QUALIFIER + ")?");
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}:\\d{12}:function:" + NAME + "(?::" + QUALIFIER + ")?");

    private FunctionIdentifier() {}

    static boolean isValid(String function) {
        return function.startsWith("arn:")
                ? ARN.matcher(function).matches()
                : PLAIN.matcher(function).matches();
    }

    static String expected() {
        return "expected a function name ([A-Za-z0-9_-]{1,64}), optionally ':' plus $LATEST, a version or an alias,"
                + " or a function ARN arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<qualifier>]";
    }
}
