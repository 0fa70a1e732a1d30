package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first matching route without scanning every route.
 *
 * <p>Routes are identified by their <em>rank</em>: their position in precedence order (priority, then name). The
 * index has two dimensions:
 * <ul>
 *   <li><b>host</b>: a map of exact hosts, a map of wildcard suffixes ({@code *.example.com} is filed under
 *       {@code example.com}), and an any-host entry for routes without a host criterion. A request visits its exact
 *       host, the wildcard entry of each proper label suffix of its host ({@code a.b.example.com} visits
 *       {@code b.example.com}, {@code example.com}, {@code com}) and any-host;</li>
 *   <li><b>path</b>, within each host entry: a trie over literal leading path segments. A route is filed at the
 *       node of each path pattern's literal leading segments ({@code /orders/{id}} at {@code orders}, prefix
 *       {@code /api/v1} at {@code api/v1}, {@code glob /**} at the root); routes without a path criterion sit at
 *       the root. A request walks from the root along its own path segments and visits each node on the way,
 *       deepest first. This is the "first literal segment" index extended to deeper segments, so that tables
 *       whose routes share a common first segment (everything under {@code /api}) stay selective.</li>
 * </ul>
 * Each node holds an ascending array of ranks and is scanned only while its ranks are below the best match found
 * so far, so the result is the lowest-ranked full match: exactly what a linear scan in precedence order returns.
 * A route reached through the host dimension satisfies its host criterion by construction, so candidates are
 * checked with {@link RouteMatcher#matchesExceptHost}.
 */
final class RouteIndex {
    private static final int[] NO_RANKS = new int[0];

    /** The matcher of each route, by rank: scanned directly, one indirection less than through the route. */
    private final RouteMatcher[] matchers;

    private final SubstringKeyedMap<PathTrie> exactHosts;
    private final SubstringKeyedMap<PathTrie> wildcardHosts;
    private final PathTrie anyHost;
    /** Routing's visit: the lowest matching rank of each trie (one instance, so routing allocates nothing). */
    private final TrieVisit firstMatchVisit;

    /** @param routes all routes, in precedence order (index = rank) */
    RouteIndex(Route[] routes) {
        this.matchers = new RouteMatcher[routes.length];
        Map<String, PathTrie.Builder> exact = new HashMap<>();
        Map<String, PathTrie.Builder> wildcard = new HashMap<>();
        PathTrie.Builder any = new PathTrie.Builder();
        for (int rank = 0; rank < routes.length; rank++) {
            RouteMatcher matcher = routes[rank].matcher;
            matchers[rank] = matcher;
            List<List<String>> pathKeys = pathKeys(matcher.paths());
            HostPattern[] hosts = matcher.hosts();
            if (hosts == null) {
                any.add(pathKeys, rank);
                continue;
            }
            for (HostPattern host : hosts) {
                Map<String, PathTrie.Builder> byHost = host.isWildcard() ? wildcard : exact;
                byHost.computeIfAbsent(host.indexKey(), key -> new PathTrie.Builder())
                        .add(pathKeys, rank);
            }
        }
        this.exactHosts = build(exact);
        this.wildcardHosts = build(wildcard);
        this.anyHost = any.build();
        this.firstMatchVisit = (trie, request, best) -> trie.firstMatch(matchers, request, best);
    }

    /** The rank of the first route matching {@code request}, or -1. */
    int firstMatch(RoutingRequest request) {
        int best = visitHostEntries(request, firstMatchVisit, Integer.MAX_VALUE);
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /**
     * Which routes' host criterion the request's host meets, by rank: the routes filed under the host entries
     * {@link #firstMatch} visits (its exact host, its wildcard suffixes, any-host), found by the same walk.
     */
    boolean[] hostMatches(RoutingRequest request) {
        boolean[] held = new boolean[matchers.length];
        visitHostEntries(
                request,
                (trie, r, best) -> {
                    trie.markAll(held);
                    return best;
                },
                Integer.MAX_VALUE);
        return held;
    }

    /**
     * Visits the path trie of each host entry the request reaches: its exact host, the wildcard entry of each proper
     * label suffix, then any-host; {@code best} is threaded through the visits.
     */
    private int visitHostEntries(RoutingRequest request, TrieVisit visit, int best) {
        String host = request.host();
        if (host != null) {
            PathTrie trie = exactHosts.get(host, 0, host.length());
            if (trie != null) {
                best = visit.visit(trie, request, best);
            }
            if (!wildcardHosts.isEmpty()) {
                // From the second character on: a wildcard needs at least one character before its suffix.
                for (int dot = host.indexOf('.', 1); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                    trie = wildcardHosts.get(host, dot + 1, host.length());
                    if (trie != null) {
                        best = visit.visit(trie, request, best);
                    }
                }
            }
        }
        return visit.visit(anyHost, request, best);
    }

    /** What {@link #visitHostEntries} does with each host entry's trie; returns the best rank so far. */
    @FunctionalInterface
    private interface TrieVisit {
        int visit(PathTrie trie, RoutingRequest request, int best);
    }

    /** The literal leading segments of each path pattern; a single empty list (the root) without path criterion. */
    private static List<List<String>> pathKeys(PathPattern[] paths) {
        if (paths == null) {
            return List.of(List.of());
        }
        List<List<String>> keys = new ArrayList<>();
        for (PathPattern path : paths) {
            keys.add(path.literalSegments());
        }
        return keys;
    }

    private static SubstringKeyedMap<PathTrie> build(Map<String, PathTrie.Builder> builders) {
        Map<String, PathTrie> tries = new HashMap<>();
        builders.forEach((key, builder) -> tries.put(key, builder.build()));
        return new SubstringKeyedMap<>(tries);
    }

    /** A node of the path-segment trie: the ranks filed here and the children by next segment. */
    static final class PathTrie {
        private final int[] ranks;
        private final SubstringKeyedMap<PathTrie> children;

        private PathTrie(int[] ranks, SubstringKeyedMap<PathTrie> children) {
            this.ranks = ranks;
            this.children = children;
        }

        /**
         * Scans this node and the nodes along the request path's segments; returns the lowest matching rank. Deeper
         * nodes are scanned first: their routes are more specific and usually take precedence, and a low best rank
         * found early cuts the scans of the shallower nodes short.
         */
        int firstMatch(RouteMatcher[] matchers, RoutingRequest request, int best) {
            String path = request.path();
            if (!children.isEmpty() && !path.isEmpty() && path.charAt(0) == '/') {
                best = descend(matchers, request, path, 1, best);
            }
            return scan(ranks, matchers, request, best);
        }

        /** Scans the child for the segment starting at {@code start} and, before it, that child's descendants. */
        private int descend(RouteMatcher[] matchers, RoutingRequest request, String path, int start, int best) {
            int end = PathPattern.segmentEnd(path, start);
            PathTrie child = children.get(path, start, end);
            if (child == null) {
                return best;
            }
            if (end < path.length() && !child.children.isEmpty()) {
                best = child.descend(matchers, request, path, end + 1, best);
            }
            return scan(child.ranks, matchers, request, best);
        }

        private static int scan(int[] ranks, RouteMatcher[] matchers, RoutingRequest request, int best) {
            for (int rank : ranks) {
                if (rank >= best) {
                    return best;
                }
                if (matchers[rank].matchesExceptHost(request)) {
                    return rank;
                }
            }
            return best;
        }

        /** Marks every rank filed at this node or below. */
        void markAll(boolean[] held) {
            for (int rank : ranks) {
                held[rank] = true;
            }
            children.forEachValue(child -> child.markAll(held));
        }

        static final class Builder {
            private final Map<String, Builder> children = new HashMap<>();
            private final List<Integer> ranks = new ArrayList<>();

            /** Files {@code rank} (ranks arrive in ascending order) at the node of each segment list. */
            void add(List<List<String>> segmentLists, int rank) {
                for (List<String> segments : segmentLists) {
                    Builder node = this;
                    for (String segment : segments) {
                        node = node.children.computeIfAbsent(segment, s -> new Builder());
                    }
                    if (node.ranks.isEmpty() || node.ranks.get(node.ranks.size() - 1) != rank) {
                        node.ranks.add(rank);
                    }
                }
            }

            PathTrie build() {
                Map<String, PathTrie> built = new HashMap<>();
                children.forEach((segment, child) -> built.put(segment, child.build()));
                int[] array = ranks.isEmpty()
                        ? NO_RANKS
                        : ranks.stream().mapToInt(Integer::intValue).toArray();
                return new PathTrie(array, new SubstringKeyedMap<>(built));
            }
        }
    }
}
