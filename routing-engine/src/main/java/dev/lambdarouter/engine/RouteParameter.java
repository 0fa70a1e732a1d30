package dev.lambdarouter.engine;

import java.util.Objects;

/**
 * One route parameter's JSON: a single route object or an array of route objects, as stored under
 * {@link ConfigLayout#routesPath()} (or in a route file). An empty array {@code []} is a valid value holding no routes:
 * the operator CLI's rollback writes it to take a parameter's routes out of the table while keeping the parameter, and
 * with it the Parameter Store history needed to roll forward again.
 *
 * @param name the parameter's full name (or the file's path); every validation problem and every compiled
 *             {@link Route#origin()} names it
 * @param json the JSON text
 */
public record RouteParameter(String name, String json) {
    public RouteParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
    }
}
