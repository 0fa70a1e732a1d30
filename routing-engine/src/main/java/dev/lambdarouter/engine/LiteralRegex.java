package dev.lambdarouter.engine;

import java.util.regex.Pattern;

/**
 * A full-match regex that is only literal text, optionally preceded and/or followed by {@code .*} (such as
 * {@code .*Mobile.*}, the usual shape of a user-agent criterion), matched as a string comparison instead of by the
 * regex engine, with the same result: {@code .} matches any character but a line terminator, so {@code .*X.*}
 * full-matches a value exactly when the value contains {@code X} and no line terminator ({@code X} has none).
 */
final class LiteralRegex {
    private final String literal;
    private final boolean anyBefore;
    private final boolean anyAfter;

    private LiteralRegex(String literal, boolean anyBefore, boolean anyAfter) {
        this.literal = literal;
        this.anyBefore = anyBefore;
        this.anyAfter = anyAfter;
    }

    /** The literal form of {@code pattern}, or {@code null} when it has another shape (or flags). */
    static LiteralRegex of(Pattern pattern) {
        if (pattern.flags() != 0) {
            return null;
        }
        String text = pattern.pattern();
        boolean anyBefore = text.startsWith(".*");
        if (anyBefore) {
            text = text.substring(2);
        }
        boolean anyAfter = text.endsWith(".*");
        if (anyAfter) {
            text = text.substring(0, text.length() - 2);
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isLiteral(text.charAt(i))) {
                return null;
            }
        }
        return new LiteralRegex(text, anyBefore, anyAfter);
    }

    /** Whether the regex full-matches {@code value}. */
    boolean matches(String value) {
        if (!anyBefore && !anyAfter) {
            return literal.equals(value);
        }
        boolean found;
        if (anyBefore && anyAfter) {
            found = value.contains(literal);
        } else if (anyBefore) {
            found = value.endsWith(literal);
        } else {
            found = value.startsWith(literal);
        }
        return found && !hasLineTerminator(value);
    }

    /** Printable ASCII that stands for itself in a regex, outside a character class and without flags. */
    private static boolean isLiteral(char c) {
        return c >= 0x20 && c <= 0x7e && "\\^$.|?*+()[]{}".indexOf(c) < 0;
    }

    /** Whether {@code value} holds a character {@code .} does not match (without DOTALL or UNIX_LINES). */
    private static boolean hasLineTerminator(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
