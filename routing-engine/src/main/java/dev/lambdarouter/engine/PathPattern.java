package dev.lambdarouter.engine;

import java.util.List;
import java.util.Map;

/**
 * A compiled path criterion. Implementations never use regular expressions and do not allocate when matching.
 * (An abstract class rather than an interface: the hot path calls it megamorphically, and virtual calls dispatch
 * faster than interface calls.)
 */
abstract class PathPattern {
    abstract boolean matches(String path);

    /**
     * The leading path segments every matching path starts with (e.g. {@code [orders]} for {@code /orders/{id}},
     * {@code [api, v1]} for prefix {@code /api/v1}), used to index the route; empty when a matching path may start
     * with any segment.
     */
    abstract List<String> literalSegments();

    /**
     * Whether every path whose leading segments are {@link #literalSegments} (whole segments, the rest of the path
     * empty or starting with '/') matches this pattern: then a request that reached the pattern's node in
     * {@link RouteIndex} needs no further path check.
     */
    boolean heldBySegments() {
        return false;
    }

    /** Parameters captured from a path this pattern {@linkplain #matches matches}; empty for non-template kinds. */
    Map<String, String> captures(String path) {
        return Map.of();
    }

    /** End (exclusive) of the segment starting at {@code start}: the next '/' or the end of the path. */
    static int segmentEnd(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? path.length() : slash;
    }

    /** The segments of an absolute path: {@code /a/b} gives {@code [a, b]}, {@code /} gives {@code [""]}. */
    static List<String> segmentsOf(String absolutePath) {
        return List.of(absolutePath.substring(1).split("/", -1));
    }

    static void requireAbsolute(String kind, String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new IllegalArgumentException(kind + " path '" + pattern + "' must start with '/'");
        }
    }
}
