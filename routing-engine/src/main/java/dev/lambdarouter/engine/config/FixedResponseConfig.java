package dev.lambdarouter.engine.config;

/**
 * A response answered by the router itself.
 *
 * @param status      200..599, required
 * @param contentType defaults to {@code text/plain; charset=utf-8}
 * @param body        defaults to the empty string
 */
public record FixedResponseConfig(Integer status, String contentType, String body) {}
