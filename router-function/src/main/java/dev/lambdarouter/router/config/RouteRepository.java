package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.RouteParameter;
import java.util.List;
import java.util.Optional;

/**
 * A store of route parameters: where the routing configuration lives (Parameter Store, a bootstrap file, memory).
 * Two calls, so that the cheap one ({@link #readVersion()}) can be made on
 * every TTL and the expensive one ({@link #readRoutes()}) only when the version moved.
 */
public interface RouteRepository {

    /** The published version marker, or empty when no version parameter exists. */
    Optional<String> readVersion() throws ConfigSourceException;

    /** Every route parameter, in a stable order (by parameter name). */
    List<RouteParameter> readRoutes() throws ConfigSourceException;

    /** Where the configuration is read from, for log lines and error messages. */
    String describe();
}
