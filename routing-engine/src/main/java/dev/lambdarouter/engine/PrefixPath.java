package dev.lambdarouter.engine;

import java.util.List;

/**
 * A segment-boundary prefix. {@code /orders} matches {@code /orders} and {@code /orders/...} but not
 * {@code /ordersX}; a prefix ending in {@code /} (e.g. {@code /orders/} or {@code /}) matches every path that starts
 * with it.
 */
final class PrefixPath extends PathPattern {
    private final String prefix;
    private final boolean endsWithSlash;

    PrefixPath(String prefix) {
        PathPattern.requireAbsolute("prefix", prefix);
        this.prefix = prefix;
        this.endsWithSlash = prefix.endsWith("/");
    }

    @Override
    boolean matches(String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return endsWithSlash || path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }

    @Override
    List<String> literalSegments() {
        // Segment-boundary semantics make every segment of the prefix a whole literal segment of matching paths.
        String whole = endsWithSlash ? prefix.substring(0, prefix.length() - 1) : prefix;
        return whole.isEmpty() ? List.of() : PathPattern.segmentsOf(whole);
    }

    /** A prefix without a trailing '/' is exactly its segments followed by the end or '/'. */
    @Override
    boolean heldBySegments() {
        return !endsWithSlash;
    }

    @Override
    public String toString() {
        return "prefix " + prefix;
    }
}
