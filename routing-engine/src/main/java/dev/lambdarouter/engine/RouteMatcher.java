package dev.lambdarouter.engine;

import java.util.List;
import java.util.Map;

/**
 * All match criteria of one route, evaluated cheapest first; the host patterns are held for {@link RouteIndex},
 * which applies them. Every present criterion must match (AND); within one criterion's list any entry may match
 * (OR) — this holds for header and query lists too, as the configuration contract says. A {@code null} criterion
 * matches everything.
 */
final class RouteMatcher {
    private final HostPattern[] hosts;
    private final PathPattern[] paths;
    private final String[] methods;
    private final ValueCriterion[] headers;
    private final ValueCriterion[] query;
    private final Cidr[] sourceCidrs;
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
        this.methods = methods;
        this.headers = headers;
        this.query = query;
        this.sourceCidrs = sourceCidrs;
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

    /** All criteria, the host included: what {@link RouteIndex} decides for one route, without the index. */
    boolean matches(RoutingRequest request) {
        return hostMatches(request.host()) && matchesExceptHost(request);
    }

    /**
     * All criteria but the host. The host criterion is checked by construction: {@link RouteIndex} only offers a
     * route as a candidate when the request's host matches one of the route's host patterns (or it has none).
     */
    boolean matchesExceptHost(RoutingRequest request) {
        return methodMatches(request.method())
                && pathMatches(request.path())
                && anyMatches(headers, request.headers())
                && anyMatches(query, request.queryParams())
                && sourceMatches(request);
    }

    /** Parameters captured by the first path template that matches; call only for a path that matched. */
    Map<String, String> pathParameters(String path) {
        if (!capturesParameters) {
            return Map.of();
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

    private boolean methodMatches(String method) {
        if (methods == null) {
            return true;
        }
        for (String candidate : methods) {
            if (candidate.equals(method)) {
                return true;
            }
        }
        return false;
    }

    private boolean pathMatches(String path) {
        if (paths == null) {
            return true;
        }
        for (PathPattern pattern : paths) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(ValueCriterion[] criteria, Map<String, List<String>> values) {
        if (criteria == null) {
            return true;
        }
        for (ValueCriterion criterion : criteria) {
            if (criterion.matches(values)) {
                return true;
            }
        }
        return false;
    }

    private boolean sourceMatches(RoutingRequest request) {
        if (sourceCidrs == null) {
            return true;
        }
        IpAddress address = request.sourceAddress();
        if (address == null) {
            return false;
        }
        for (Cidr cidr : sourceCidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
