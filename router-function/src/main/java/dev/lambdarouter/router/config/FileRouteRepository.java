package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.RouteParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Routes from a file in the function's package ({@code ROUTER_BOOTSTRAP_ROUTES}): the same JSON as a route
 * parameter (one route or an array). Used only when Parameter Store cannot be read at cold start.
 */
public final class FileRouteRepository implements RouteRepository {

    private final Path file;

    public FileRouteRepository(Path file) {
        this.file = file;
    }

    @Override
    public Optional<String> readVersion() {
        return Optional.of("bootstrap");
    }

    @Override
    public List<RouteParameter> readRoutes() throws ConfigSourceException {
        try {
            return List.of(new RouteParameter(file.toString(), Files.readString(file)));
        } catch (IOException e) {
            throw new ConfigSourceException("cannot read bootstrap routes " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "bootstrap file " + file;
    }
}
