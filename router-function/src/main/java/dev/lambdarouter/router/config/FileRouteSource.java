package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.RouteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Routes from a file in the function's package ({@code ROUTER_BOOTSTRAP_ROUTES}): the same JSON as a route
 * parameter (one route or an array). Used only when Parameter Store cannot be read at cold start.
 */
public final class FileRouteSource implements RouteSourceReader {

    private final Path file;

    public FileRouteSource(Path file) {
        this.file = file;
    }

    @Override
    public Optional<String> readVersion() {
        return Optional.of("bootstrap");
    }

    @Override
    public List<RouteSource> readRoutes() throws ConfigSourceException {
        try {
            return List.of(new RouteSource(file.toString(), Files.readString(file)));
        } catch (IOException e) {
            throw new ConfigSourceException("cannot read bootstrap routes " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "bootstrap file " + file;
    }
}
