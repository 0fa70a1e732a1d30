package dev.lambdarouter.engine;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One named criterion of a route's match (all but the host, which {@link RouteIndex} applies): the predicate the
 * router evaluates for every candidate route, and the one {@code routes explain} reports as held or failed. Within
 * one criterion any entry may match (OR). An abstract class rather than an interface: the hot path calls
 * {@link #test} megamorphically, and virtual calls dispatch faster than interface calls.
 */
abstract class MatchCriterion {
    private final String field;
    private final String condition;

    /**
     * @param field     the criterion's field under {@code match} in the configuration, e.g. {@code paths}
     * @param condition what it requires, for people, e.g. {@code prefix /orders or exact /health}
     */
    private MatchCriterion(String field, String condition) {
        this.field = field;
        this.condition = condition;
    }

    abstract boolean test(RoutingRequest request);

    final String field() {
        return field;
    }

    final String condition() {
        return condition;
    }

    static MatchCriterion methods(String[] methods) {
        return new Methods(methods);
    }

    static MatchCriterion paths(PathPattern[] paths) {
        return new Paths(paths);
    }

    static MatchCriterion headers(ValueCriterion[] criteria) {
        return new Values("headers", criteria, false);
    }

    static MatchCriterion query(ValueCriterion[] criteria) {
        return new Values("query", criteria, true);
    }

    static MatchCriterion sourceCidrs(Cidr[] cidrs) {
        return new SourceCidrs(cidrs);
    }

    /** The entries of a criterion joined with {@code " or "}. */
    static String anyOf(Object[] entries) {
        StringJoiner joined = new StringJoiner(" or ");
        for (Object entry : entries) {
            joined.add(String.valueOf(entry));
        }
        return joined.toString();
    }

    @Override
    public String toString() {
        return field + ": " + condition;
    }

    private static final class Methods extends MatchCriterion {
        private final String[] methods;

        Methods(String[] methods) {
            super("methods", anyOf(methods));
            this.methods = methods;
        }

        @Override
        boolean test(RoutingRequest request) {
            String method = request.method();
            for (String candidate : methods) {
                if (candidate.equals(method)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Paths extends MatchCriterion {
        private final PathPattern[] paths;

        Paths(PathPattern[] paths) {
            super("paths", anyOf(paths));
            this.paths = paths;
        }

        @Override
        boolean test(RoutingRequest request) {
            String path = request.path();
            for (PathPattern pattern : paths) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Header or query criteria: any entry may match. */
    private static final class Values extends MatchCriterion {
        private final ValueCriterion[] criteria;
        private final boolean query;

        Values(String field, ValueCriterion[] criteria, boolean query) {
            super(field, anyOf(criteria));
            this.criteria = criteria;
            this.query = query;
        }

        @Override
        boolean test(RoutingRequest request) {
            Map<String, List<String>> values = query ? request.queryParams() : request.headers();
            for (ValueCriterion criterion : criteria) {
                if (criterion.matches(values)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class SourceCidrs extends MatchCriterion {
        private final Cidr[] cidrs;

        SourceCidrs(Cidr[] cidrs) {
            super("sourceCidrs", anyOf(cidrs));
            this.cidrs = cidrs;
        }

        @Override
        boolean test(RoutingRequest request) {
            IpAddress address = request.sourceAddress();
            if (address == null) {
                return false;
            }
            for (Cidr cidr : cidrs) {
                if (cidr.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }
}
