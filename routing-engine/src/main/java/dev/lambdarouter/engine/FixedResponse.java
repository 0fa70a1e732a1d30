package dev.lambdarouter.engine;

import java.util.Objects;

/**
 * A route action: the router answers by itself, without invoking a worker (e.g. maintenance mode). The JSON field
 * {@code fixedResponse}; a route that has one invokes nothing, whatever else it configures.
 *
 * @param status      HTTP status, 200..599
 * @param contentType the {@code Content-Type} header value
 * @param body        the body text (may be empty)
 */
public record FixedResponse(int status, String contentType, String body) implements RouteAction {
    public FixedResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
