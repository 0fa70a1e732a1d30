package dev.lambdarouter.engine.config;

/**
 * The header a route's fault injection is limited to, as written in JSON.
 *
 * @param name  the header name (case-insensitive)
 * @param value optional: the value the header must have (exactly); absent means "the header is present"
 */
public record FaultHeaderConfig(String name, String value) {}
