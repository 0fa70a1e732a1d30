package dev.lambdarouter.engine;

import dev.lambdarouter.engine.config.ParsedParameter;
import dev.lambdarouter.engine.config.RouteConfig;
import dev.lambdarouter.engine.config.RouteConfigParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * An immutable, compiled routing table for one configuration version. Compile once per version with
 * {@link #compile}; {@link #route} is then safe to call from any number of threads.
 *
 * <p>Precedence: priority ascending, ties broken by name ascending; the first route (in that order) whose criteria
 * all match wins. Decisions use an index by host and first path segment, so they do not scan every route.
 */
public final class RoutingTable {
    private static final RouteConfigParser PARSER = new RouteConfigParser();
    private static final Comparator<Route> PRECEDENCE =
            Comparator.comparingInt(Route::priority).thenComparing(Route::name);

    private final String version;
    private final Route[] routes;
    private final List<Route> routeList;
    private final RouteIndex index;

    private RoutingTable(String version, Route[] routes) {
        this.version = version;
        this.routes = routes;
        this.routeList = List.of(routes);
        this.index = new RouteIndex(routes);
    }

    /**
     * Parses, validates and compiles every source into one table.
     *
     * @param version an identifier of this configuration (e.g. the version parameter's value), for logs
     * @param parameters each holds one route object or an array of them; route names must be unique across all
     * @throws ConfigValidationException listing every problem found in every parameter; nothing is compiled then
     */
    public static RoutingTable compile(String version, List<RouteParameter> parameters)
            throws ConfigValidationException {
        Objects.requireNonNull(version, "version");
        List<String> problems = new ArrayList<>();
        List<Route> compiled = new ArrayList<>();
        Map<String, String> originByName = new HashMap<>();
        for (RouteParameter parameter : parameters) {
            ParsedParameter parsed = PARSER.parse(parameter);
            problems.addAll(parsed.problems());
            List<RouteConfig> configs = parsed.routes();
            for (int position = 0; position < configs.size(); position++) {
                RouteConfig config = configs.get(position);
                if (config.name() != null) {
                    String firstOrigin = originByName.putIfAbsent(config.name(), parameter.name());
                    if (firstOrigin != null) {
                        problems.add(parameter.name() + ": route '" + config.name()
                                + "': duplicate route name; already defined"
                                + (firstOrigin.equals(parameter.name())
                                        ? " earlier in this parameter"
                                        : " in " + firstOrigin));
                    }
                }
                Route route = RouteCompiler.compile(parameter.name(), position, config, problems);
                if (route != null) {
                    compiled.add(route);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems);
        }
        Route[] ordered = compiled.toArray(new Route[0]);
        Arrays.sort(ordered, PRECEDENCE);
        return new RoutingTable(version, ordered);
    }

    /** A table without routes: every request is unrouted. */
    public static RoutingTable empty(String version) {
        return new RoutingTable(Objects.requireNonNull(version, "version"), new Route[0]);
    }

    /**
     * Routes one request: finds the first matching route and decides what it does.
     *
     * @param random    used for weighted random selection; pass the router's own generator (not a static or
     *                  thread-local one) so it can be reseeded, e.g. after a SnapStart restore. Not shared across
     *                  threads unless it is thread-safe.
     * @param available which targets may be chosen (e.g. those whose circuit breaker is not open); when it leaves
     *                  none, the decision is the route's {@link RouteDecision.Fallback} or
     *                  {@link RouteDecision.NoHealthyTarget}
     * @return the decision, or empty when no route matches
     */
    public Optional<RouteDecision> route(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        int rank = index.firstMatch(request);
        return rank < 0 ? Optional.empty() : routes[rank].decideOptional(request, random, available);
    }

    /** Like {@link #route(RoutingRequest, RandomGenerator, Predicate)} with every target available. */
    public Optional<RouteDecision> route(RoutingRequest request, RandomGenerator random) {
        return route(request, random, TargetSelector.ALL_AVAILABLE);
    }

    /**
     * Routes one request as {@link #route(RoutingRequest, RandomGenerator, Predicate)} does, with the same
     * parts, and says why: every route's criteria in precedence order, and how the target was picked.
     * {@link RoutingExplanation#decision()} is the decision {@code route} returns for the same arguments (a generator
     * in the same state draws the same value).
     */
    public RoutingExplanation explain(RoutingRequest request, RandomGenerator random, Predicate<String> available) {
        return RouteExplainer.explain(routes, index, request, random, available);
    }

    public String version() {
        return version;
    }

    /** All routes in precedence order. */
    public List<Route> routes() {
        return routeList;
    }

    public int size() {
        return routes.length;
    }

    @Override
    public String toString() {
        return "RoutingTable{version=" + version + ", routes=" + routes.length + "}";
    }
}
