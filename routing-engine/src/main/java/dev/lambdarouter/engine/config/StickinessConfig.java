package dev.lambdarouter.engine.config;

/**
 * Sticky target selection.
 *
 * @param type {@code "header"}, {@code "cookie"} or {@code "sourceIp"}
 * @param name the header or cookie name; not used for {@code sourceIp}
 */
public record StickinessConfig(String type, String name) {}
