package dev.lambdarouter.engine;

import java.util.Locale;

/**
 * A host criterion: an exact name, or a {@code *.suffix} wildcard that matches one or more labels before the suffix
 * ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}, not {@code example.com}).
 * Stored lower-case; request hosts are lower-case already. Routing matches hosts in {@link RouteIndex}, by key;
 * {@link #matches} is the same rule for one pattern.
 */
final class HostPattern {
    private final String exact;
    /** For a wildcard: the suffix with its leading dot, e.g. {@code .example.com}. */
    private final String dottedSuffix;

    private HostPattern(String exact, String dottedSuffix) {
        this.exact = exact;
        this.dottedSuffix = dottedSuffix;
    }

    /**
     * Parses a host criterion.
     *
     * @throws IllegalArgumentException with a message for the user when the host is malformed
     */
    static HostPattern parse(String text) {
        String host = text.toLowerCase(Locale.ROOT);
        boolean wildcard = host.startsWith("*.");
        String name = wildcard ? host.substring(2) : host;
        if (!isHostName(name)) {
            throw new IllegalArgumentException(
                    "host '" + text + "' is not a host name or a '*.' wildcard"
                            + " (labels of letters, digits, '-' and '_' separated by dots; no port; '*' only as a leading '*.')");
        }
        return wildcard ? new HostPattern(null, "." + name) : new HostPattern(name, null);
    }

    /** Whether {@code host} (lower-case, without port) is this host, or for a wildcard ends with its suffix. */
    boolean matches(String host) {
        if (!isWildcard()) {
            return exact.equals(host);
        }
        return host.length() > dottedSuffix.length() && host.endsWith(dottedSuffix);
    }

    boolean isWildcard() {
        return dottedSuffix != null;
    }

    /** The exact host, or for a wildcard the suffix without the leading dot: the key this pattern is indexed by. */
    String indexKey() {
        return isWildcard() ? dottedSuffix.substring(1) : exact;
    }

    private static boolean isHostName(String name) {
        if (name.isEmpty()
                || name.length() > 253
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return exact != null ? exact : "*" + dottedSuffix;
    }
}
