package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.RouteSource;
import java.util.List;
import java.util.Optional;

/** A fixed configuration held in memory: for SnapStart priming and for embedding the router. */
public final class StaticRouteSource implements RouteSourceReader {

    private final String version;
    private final List<RouteSource> routes;

    public StaticRouteSource(String version, List<RouteSource> routes) {
        this.version = version;
        this.routes = List.copyOf(routes);
    }

    @Override
    public Optional<String> readVersion() {
        return Optional.ofNullable(version);
    }

    @Override
    public List<RouteSource> readRoutes() {
        return routes;
    }

    @Override
    public String describe() {
        return "static configuration (version " + version + ")";
    }
}
