package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the first matching route without scanning every route.
 *
 * <p>Routes are identified by their <em>rank</em>: their position in precedence order (priority, then name). Each
 * route is filed under every (host key, path key) cell it could match:
 * <ul>
 *   <li>host dimension: each exact host; each wildcard's suffix ({@code *.example.com} under {@code example.com});
 *       or the any-host cell when the route has no host criterion;</li>
 *   <li>path dimension: the literal first segment of each path pattern ({@code /orders/{id}} under
 *       {@code orders}); or the generic cell when the route has no path criterion or a pattern that may start with
 *       any segment (such as {@code prefix /} or {@code glob /**}).</li>
 * </ul>
 * A request visits only the cells it could belong to: its exact host, the wildcard cells of each of its host's
 * proper label suffixes ({@code a.b.example.com} visits {@code b.example.com}, {@code example.com}, {@code com}),
 * and any-host; within each, the cell of its first path segment and the generic cell. Each cell is an ascending
 * array of ranks; a cell is walked only while its ranks are below the best match found so far, so the result is the
 * lowest-ranked full match: exactly what a linear scan in precedence order would return.
 */
final class RouteIndex {
  private static final int[] NO_RANKS = new int[0];

  private final Route[] routes;
  private final SubstringKeyedMap<PathCells> exactHosts;
  private final SubstringKeyedMap<PathCells> wildcardHosts;
  private final PathCells anyHost;

  /** @param routes all routes, in precedence order (index = rank) */
  RouteIndex(Route[] routes) {
    this.routes = routes;
    Map<String, PathCells.Builder> exact = new HashMap<>();
    Map<String, PathCells.Builder> wildcard = new HashMap<>();
    PathCells.Builder any = new PathCells.Builder();
    for (int rank = 0; rank < routes.length; rank++) {
      RouteMatcher matcher = routes[rank].matcher;
      Set<String> pathKeys = pathKeys(matcher.paths());
      HostPattern[] hosts = matcher.hosts();
      if (hosts == null) {
        any.add(pathKeys, rank);
        continue;
      }
      for (HostPattern host : hosts) {
        Map<String, PathCells.Builder> byHost = host.isWildcard() ? wildcard : exact;
        byHost.computeIfAbsent(host.indexKey(), key -> new PathCells.Builder()).add(pathKeys, rank);
      }
    }
    this.exactHosts = build(exact);
    this.wildcardHosts = build(wildcard);
    this.anyHost = any.build();
  }

  /** The rank of the first route matching {@code request}, or -1. */
  int firstMatch(RoutingRequest request) {
    String path = request.path();
    int segmentStart = -1;
    int segmentEnd = -1;
    if (!path.isEmpty() && path.charAt(0) == '/') {
      segmentStart = 1;
      segmentEnd = PathPattern.segmentEnd(path, 1);
    }
    int best = Integer.MAX_VALUE;
    String host = request.host();
    if (host != null) {
      PathCells cells = exactHosts.get(host, 0, host.length());
      if (cells != null) {
        best = cells.firstMatch(routes, request, segmentStart, segmentEnd, best);
      }
      if (!wildcardHosts.isEmpty()) {
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
          cells = wildcardHosts.get(host, dot + 1, host.length());
          if (cells != null) {
            best = cells.firstMatch(routes, request, segmentStart, segmentEnd, best);
          }
        }
      }
    }
    best = anyHost.firstMatch(routes, request, segmentStart, segmentEnd, best);
    return best == Integer.MAX_VALUE ? -1 : best;
  }

  /** The path cells a route is filed under: its patterns' first segments, or {@code null} for the generic cell. */
  private static Set<String> pathKeys(PathPattern[] paths) {
    if (paths == null) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (PathPattern path : paths) {
      String key = path.firstSegment();
      if (key == null) {
        return null;
      }
      keys.add(key);
    }
    return keys;
  }

  private static SubstringKeyedMap<PathCells> build(Map<String, PathCells.Builder> builders) {
    Map<String, PathCells> cells = new HashMap<>();
    builders.forEach((key, builder) -> cells.put(key, builder.build()));
    return new SubstringKeyedMap<>(cells);
  }

  /** The cells of one host key: by first path segment, plus the generic cell. */
  static final class PathCells {
    private final SubstringKeyedMap<int[]> bySegment;
    private final int[] generic;

    private PathCells(SubstringKeyedMap<int[]> bySegment, int[] generic) {
      this.bySegment = bySegment;
      this.generic = generic;
    }

    int firstMatch(Route[] routes, RoutingRequest request, int segmentStart, int segmentEnd, int best) {
      if (segmentStart >= 0) {
        int[] ranks = bySegment.get(request.path(), segmentStart, segmentEnd);
        if (ranks != null) {
          best = firstMatch(ranks, routes, request, best);
        }
      }
      return firstMatch(generic, routes, request, best);
    }

    private static int firstMatch(int[] ranks, Route[] routes, RoutingRequest request, int best) {
      for (int rank : ranks) {
        if (rank >= best) {
          return best;
        }
        if (routes[rank].matcher.matches(request)) {
          return rank;
        }
      }
      return best;
    }

    static final class Builder {
      private final Map<String, List<Integer>> bySegment = new HashMap<>();
      private final List<Integer> generic = new ArrayList<>();

      /** Files {@code rank} (ranks arrive in ascending order) under {@code pathKeys}, or generic when null. */
      void add(Set<String> pathKeys, int rank) {
        if (pathKeys == null) {
          addOnce(generic, rank);
        } else {
          for (String key : pathKeys) {
            addOnce(bySegment.computeIfAbsent(key, k -> new ArrayList<>()), rank);
          }
        }
      }

      private static void addOnce(List<Integer> ranks, int rank) {
        if (ranks.isEmpty() || ranks.get(ranks.size() - 1) != rank) {
          ranks.add(rank);
        }
      }

      PathCells build() {
        Map<String, int[]> segments = new HashMap<>();
        bySegment.forEach((key, ranks) -> segments.put(key, toArray(ranks)));
        return new PathCells(new SubstringKeyedMap<>(segments), generic.isEmpty() ? NO_RANKS : toArray(generic));
      }

      private static int[] toArray(List<Integer> ranks) {
        return ranks.stream().mapToInt(Integer::intValue).toArray();
      }
    }
  }
}
