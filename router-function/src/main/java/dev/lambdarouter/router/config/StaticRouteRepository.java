package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.RouteParameter;
import java.util.List;
import java.util.Optional;

/** A fixed configuration held in memory: for SnapStart priming and for embedding the router. */
public final class StaticRouteRepository implements RouteRepository {

    private final String version;
    private final List<RouteParameter> routes;

    public StaticRouteRepository(String version, List<RouteParameter> routes) {
        this.version = version;
        this.routes = List.copyOf(routes);
    }

    @Override
    public Optional<String> readVersion() {
        return Optional.ofNullable(version);
    }

    @Override
    public List<RouteParameter> readRoutes() {
        return routes;
    }

    @Override
    public String describe() {
        return "static configuration (version " + version + ")";
    }
}
