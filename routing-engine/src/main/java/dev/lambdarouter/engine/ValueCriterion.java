package dev.lambdarouter.engine;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A header or query criterion on a multi-valued map: exact value, full-match regex, presence or absence. With
 * several values of the name, any value may match.
 */
final class ValueCriterion {
    private enum Kind {
        EXACT,
        REGEX,
        PRESENT,
        ABSENT
    }

    private final String name;
    private final Kind kind;
    private final String exact;
    private final Pattern regex;
    /** The regex as a string comparison when it is literal text with optional {@code .*} ends; else null. */
    private final LiteralRegex literalRegex;

    private ValueCriterion(String name, Kind kind, String exact, Pattern regex) {
        this.name = name;
        this.kind = kind;
        this.exact = exact;
        this.regex = regex;
        this.literalRegex = regex == null ? null : LiteralRegex.of(regex);
    }

    static ValueCriterion exact(String name, String value) {
        return new ValueCriterion(name, Kind.EXACT, value, null);
    }

    /** A full-match regex criterion; the pattern is compiled once, here. */
    static ValueCriterion regex(String name, Pattern pattern) {
        return new ValueCriterion(name, Kind.REGEX, null, pattern);
    }

    static ValueCriterion presence(String name, boolean present) {
        return new ValueCriterion(name, present ? Kind.PRESENT : Kind.ABSENT, null, null);
    }

    boolean matches(Map<String, List<String>> values) {
        List<String> candidates = values.get(name);
        switch (kind) {
            case PRESENT -> {
                return candidates != null;
            }
            case ABSENT -> {
                return candidates == null;
            }
            case EXACT -> {
                if (candidates != null) {
                    for (int i = 0, n = candidates.size(); i < n; i++) {
                        if (exact.equals(candidates.get(i))) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case REGEX -> {
                if (candidates != null) {
                    for (int i = 0, n = candidates.size(); i < n; i++) {
                        String candidate = candidates.get(i);
                        if (candidate != null
                                && (literalRegex != null
                                        ? literalRegex.matches(candidate)
                                        : regex.matcher(candidate).matches())) {
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> throw new AssertionError(kind);
        }
    }

    @Override
    public String toString() {
        return name + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + (exact != null ? " " + exact : regex != null ? " " + regex : "");
    }
}
