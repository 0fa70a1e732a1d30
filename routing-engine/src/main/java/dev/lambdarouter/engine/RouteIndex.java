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
 * so far, and a subtree (a host entry's whole trie included) is skipped when its lowest rank is not, so the result
 * is the lowest-ranked full match: exactly what a linear scan in precedence order returns. A route reached through
 * the host dimension satisfies its host criterion by construction, so candidates are checked with their criteria
 * but the host ({@link RouteMatcher#checks}); a prefix path without trailing '/' is implied by reaching its node,
 * so such a candidate is not checked for its path either.
 */
final class RouteIndex {
    private static final int[] NO_RANKS = new int[0];
    private static final MatchCriterion[][] NO_CHECKS = new MatchCriterion[0][];

    /** How many routes the index holds (ranks 0..routeCount-1). */
    private final int routeCount;

    private final SubstringKeyedMap<PathTrie> exactHosts;
    private final SubstringKeyedMap<PathTrie> wildcardHosts;
    private final PathTrie anyHost;
    /** Routing's visit: the lowest matching rank of each trie (one instance, so routing allocates nothing). */
    private final TrieVisit firstMatchVisit;

    /** @param routes all routes, in precedence order (index = rank) */
    RouteIndex(Route[] routes) {
        this.routeCount = routes.length;
        RouteMatcher[] matchers = new RouteMatcher[routes.length];
        Map<String, PathTrie.Builder> exact = new HashMap<>();
        Map<String, PathTrie.Builder> wildcard = new HashMap<>();
        PathTrie.Builder any = new PathTrie.Builder();
        for (int rank = 0; rank < routes.length; rank++) {
            RouteMatcher matcher = routes[rank].matcher;
            matchers[rank] = matcher;
            PathPattern[] paths = matcher.paths();
            HostPattern[] hosts = matcher.hosts();
            if (hosts == null) {
                any.add(paths, rank);
                continue;
            }
            for (HostPattern host : hosts) {
                Map<String, PathTrie.Builder> byHost = host.isWildcard() ? wildcard : exact;
                byHost.computeIfAbsent(host.indexKey(), key -> new PathTrie.Builder())
                        .add(paths, rank);
            }
        }
        this.exactHosts = build(exact, matchers);
        this.wildcardHosts = build(wildcard, matchers);
        this.anyHost = any.build(matchers);
        this.firstMatchVisit = (trie, request, best) -> trie.firstMatch(request, best);
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
        boolean[] held = new boolean[routeCount];
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

    private static SubstringKeyedMap<PathTrie> build(Map<String, PathTrie.Builder> builders, RouteMatcher[] matchers) {
        Map<String, PathTrie> tries = new HashMap<>();
        builders.forEach((key, builder) -> tries.put(key, builder.build(matchers)));
        return new SubstringKeyedMap<>(tries);
    }

    /**
     * A node of the path-segment trie: the routes filed here, each with the criteria a request reaching this node
     * must still meet, and the children by next segment.
     */
    static final class PathTrie {
        private final int[] ranks;
        /**
         * By position in {@link #ranks}: the route's criteria but the host, and without the path criterion when
         * reaching this node implies it (see {@link PathPattern#heldBySegments}).
         */
        private final MatchCriterion[][] checks;
        /** The lowest rank filed at this node or below: a visit with a better match so far can stop here. */
        private final int lowestRank;

        private final SubstringKeyedMap<PathTrie> children;

        private PathTrie(int[] ranks, MatchCriterion[][] checks, SubstringKeyedMap<PathTrie> children) {
            this.ranks = ranks;
            this.checks = checks;
            this.children = children;
            int[] lowest = {ranks.length == 0 ? Integer.MAX_VALUE : ranks[0]};
            children.forEachValue(child -> lowest[0] = Math.min(lowest[0], child.lowestRank));
            this.lowestRank = lowest[0];
        }

        /**
         * Scans this node and the nodes along the request path's segments; returns the lowest matching rank. Deeper
         * nodes are scanned first: their routes are more specific and usually take precedence, and a low best rank
         * found early cuts the scans of the shallower nodes short. A subtree whose lowest rank is not below the best
         * match so far is skipped.
         */
        int firstMatch(RoutingRequest request, int best) {
            if (lowestRank >= best) {
                return best;
            }
            String path = request.path();
            if (!children.isEmpty() && !path.isEmpty() && path.charAt(0) == '/') {
                best = descend(request, path, 1, best);
            }
            return scan(request, best);
        }

        /** Scans the child for the segment starting at {@code start} and, before it, that child's descendants. */
        private int descend(RoutingRequest request, String path, int start, int best) {
            int end = PathPattern.segmentEnd(path, start);
            PathTrie child = children.get(path, start, end);
            if (child == null || child.lowestRank >= best) {
                return best;
            }
            if (end < path.length() && !child.children.isEmpty()) {
                best = child.descend(request, path, end + 1, best);
            }
            return child.scan(request, best);
        }

        private int scan(RoutingRequest request, int best) {
            for (int i = 0; i < ranks.length; i++) {
                int rank = ranks[i];
                if (rank >= best) {
                    return best;
                }
                if (RouteMatcher.allHold(checks[i], request)) {
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
            /** By position in {@link #ranks}: whether reaching this node implies the route's path criterion. */
            private final List<Boolean> pathHeld = new ArrayList<>();

            /**
             * Files {@code rank} (ranks arrive in ascending order) at the node of each path pattern's literal leading
             * segments ({@code /orders/{id}} at {@code orders}, prefix {@code /api/v1} at {@code api/v1}); at the
             * root without path criterion.
             */
            void add(PathPattern[] paths, int rank) {
                if (paths == null) {
                    file(rank, false);
                    return;
                }
                for (PathPattern path : paths) {
                    Builder node = this;
                    for (String segment : path.literalSegments()) {
                        node = node.children.computeIfAbsent(segment, s -> new Builder());
                    }
                    node.file(rank, path.heldBySegments());
                }
            }

            private void file(int rank, boolean held) {
                int last = ranks.size() - 1;
                if (last >= 0 && ranks.get(last) == rank) {
                    // Another pattern of the same route at the same node: the path criterion is an OR.
                    pathHeld.set(last, pathHeld.get(last) || held);
                    return;
                }
                ranks.add(rank);
                pathHeld.add(held);
            }

            PathTrie build(RouteMatcher[] matchers) {
                Map<String, PathTrie> built = new HashMap<>();
                children.forEach((segment, child) -> built.put(segment, child.build(matchers)));
                int[] array = ranks.isEmpty() ? NO_RANKS : new int[ranks.size()];
                MatchCriterion[][] checks = ranks.isEmpty() ? NO_CHECKS : new MatchCriterion[ranks.size()][];
                for (int i = 0; i < array.length; i++) {
                    array[i] = ranks.get(i);
                    checks[i] = matchers[array[i]].checks(pathHeld.get(i));
                }
                return new PathTrie(array, checks, new SubstringKeyedMap<>(built));
            }
        }
    }
}
