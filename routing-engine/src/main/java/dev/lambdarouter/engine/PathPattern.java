package dev.lambdarouter.engine;

import java.util.Map;

/** A compiled path criterion. Implementations never use regular expressions and do not allocate when matching. */
interface PathPattern {
  boolean matches(String path);

  /**
   * The literal first path segment every matching path has (e.g. {@code orders} for {@code /orders/{id}}), used to
   * index the route; {@code null} when matching paths may start with any segment.
   */
  String firstSegment();

  /** Parameters captured from a path this pattern {@linkplain #matches matches}; empty for non-template kinds. */
  default Map<String, String> captures(String path) {
    return Map.of();
  }

  /** End (exclusive) of the segment starting at {@code start}: the next '/' or the end of the path. */
  static int segmentEnd(String path, int start) {
    int slash = path.indexOf('/', start);
    return slash < 0 ? path.length() : slash;
  }

  /** The first segment of an absolute {@code pattern} (text between the leading '/' and the next one). */
  static String firstSegmentOf(String pattern) {
    return pattern.substring(1, segmentEnd(pattern, 1));
  }

  static void requireAbsolute(String kind, String pattern) {
    if (pattern.isEmpty() || pattern.charAt(0) != '/') {
      throw new IllegalArgumentException(kind + " path '" + pattern + "' must start with '/'");
    }
  }
}
