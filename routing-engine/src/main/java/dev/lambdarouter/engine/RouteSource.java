package dev.lambdarouter.engine;

import java.util.Objects;

/**
 * The raw JSON of one configuration unit (one SSM parameter): a single route object or an array of route objects.
 *
 * @param origin where the JSON came from (the SSM parameter name); every validation problem names it
 * @param json   the JSON text
 */
public record RouteSource(String origin, String json) {
    public RouteSource {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(json, "json");
    }
}
