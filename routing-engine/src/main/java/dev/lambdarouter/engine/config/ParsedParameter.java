package dev.lambdarouter.engine.config;

import java.util.List;

/**
 * What {@link RouteConfigParser} read from one source.
 *
 * @param origin   the source's origin (SSM parameter name)
 * @param routes   the route objects that could be bound, in source order
 * @param problems syntax and structure problems (malformed JSON, unknown fields, wrong value types), each naming
 *                 the origin; empty when the source is well-formed
 */
public record ParsedParameter(String origin, List<RouteConfig> routes, List<String> problems) {
    public ParsedParameter {
        routes = List.copyOf(routes);
        problems = List.copyOf(problems);
    }
}
