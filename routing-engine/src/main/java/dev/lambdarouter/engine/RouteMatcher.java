package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All match criteria of one route. The host patterns are held for {@link RouteIndex}, which applies them; the other
 * criteria are {@link MatchCriterion named predicates}, evaluated cheapest first (methods, paths, headers, query,
 * source CIDRs). Every present criterion must match (AND); within one criterion's list any entry may match (OR) —
 * this holds for header and query lists too, as the configuration contract says. An absent criterion matches
 * everything. The router's matching and {@code routes explain} evaluate the same predicates ({@link #criteria}).
 */
final class RouteMatcher {
    private static final MatchCriterion[] NONE = new MatchCriterion[0];

    private final HostPattern[] hosts;
    private final PathPattern[] paths;
    private final MatchCriterion[] criteria;
    /** {@link #criteria} without the path criterion. */
    private final MatchCriterion[] criteriaButPaths;

    private final boolean capturesParameters;

    RouteMatcher(
            HostPattern[] hosts,
            PathPattern[] paths,
            String[] methods,
            ValueCriterion[] headers,
            ValueCriterion[] query,
            Cidr[] sourceCidrs) {
        this.hosts = hosts;
        this.paths = paths;
        List<MatchCriterion> present = new ArrayList<>(5);
        if (methods != null) {
            present.add(MatchCriterion.methods(methods));
        }
        MatchCriterion pathCriterion = paths == null ? null : MatchCriterion.paths(paths);
        if (pathCriterion != null) {
            present.add(pathCriterion);
        }
        if (headers != null) {
            present.add(MatchCriterion.headers(headers));
        }
        if (query != null) {
            present.add(MatchCriterion.query(query));
        }
        if (sourceCidrs != null) {
            present.add(MatchCriterion.sourceCidrs(sourceCidrs));
        }
        this.criteria = present.toArray(NONE);
        present.remove(pathCriterion);
        this.criteriaButPaths = present.toArray(NONE);
        boolean templates = false;
        if (paths != null) {
            for (PathPattern path : paths) {
                templates |= path instanceof TemplatePath;
            }
        }
        this.capturesParameters = templates;
    }

    static RouteMatcher matchAll() {
        return new RouteMatcher(null, null, null, null, null, null);
    }

    HostPattern[] hosts() {
        return hosts;
    }

    PathPattern[] paths() {
        return paths;
    }

    /** Whether a path template of this route captures parameters (so decisions carry them). */
    boolean capturesParameters() {
        return capturesParameters;
    }

    /** The criteria but the host, in the order the router evaluates them (a copy). */
    List<MatchCriterion> criteria() {
        return List.of(criteria);
    }

    /** All criteria, the host included: what {@link RouteIndex} decides for one route, without the index. */
    boolean matches(RoutingRequest request) {
        return hostMatches(request.host()) && matchesExceptHost(request);
    }

    /**
     * All criteria but the host. The host criterion is checked by construction: {@link RouteIndex} only offers a
     * route as a candidate when the request's host matches one of the route's host patterns (or it has none).
     */
    boolean matchesExceptHost(RoutingRequest request) {
        return allHold(criteria, request);
    }

    /**
     * The criteria {@link RouteIndex} checks for a candidate: all but the host, and without the path criterion when
     * the request's path is known to meet it ({@code pathHeld}).
     */
    MatchCriterion[] checks(boolean pathHeld) {
        return pathHeld ? criteriaButPaths : criteria;
    }

    /** Whether the request meets every one of {@code checks}. */
    static boolean allHold(MatchCriterion[] checks, RoutingRequest request) {
        for (MatchCriterion criterion : checks) {
            if (!criterion.test(request)) {
                return false;
            }
        }
        return true;
    }

    /** Parameters captured by the first path template that matches; call only for a path that matched. */
    Map<String, String> pathParameters(String path) {
        if (!capturesParameters) {
            return Map.of();
        }
        if (paths.length == 1) {
            return paths[0].captures(path); // the route matched, so its only pattern did
        }
        for (PathPattern pattern : paths) {
            if (pattern.matches(path)) {
                return pattern.captures(path);
            }
        }
        return Map.of();
    }

    private boolean hostMatches(String host) {
        if (hosts == null) {
            return true;
        }
        if (host == null) {
            return false;
        }
        for (HostPattern pattern : hosts) {
            if (pattern.matches(host)) {
                return true;
            }
        }
        return false;
    }
}
