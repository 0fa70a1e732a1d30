package dev.lambdarouter.router.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code FunctionName} of an Invoke call split the way Lambda reads it: a name, {@code name:qualifier}, a full
 * ARN ({@code arn:aws:lambda:region:account:function:name[:qualifier]}) or a partial ARN
 * ({@code account:function:name[:qualifier]}).
 */
record FunctionReference(String name, String qualifier) {

    private static final Pattern ARN = Pattern.compile("arn:[^:]+:lambda:[^:]+:\\d{12}:function:([^:]+)(?::([^:]+))?");
    private static final Pattern PARTIAL_ARN = Pattern.compile("\\d{12}:function:([^:]+)(?::([^:]+))?");
    private static final Pattern NAME = Pattern.compile("([^:]+)(?::([^:]+))?");

    /** Null when the text is none of Lambda's accepted forms. */
    static FunctionReference parse(String functionName) {
        for (Pattern pattern : new Pattern[] {ARN, PARTIAL_ARN, NAME}) {
            Matcher matcher = pattern.matcher(functionName);
            if (matcher.matches()) {
                return new FunctionReference(matcher.group(1), matcher.group(2));
            }
        }
        return null;
    }
}
