package dev.lambdarouter.engine.config;

/**
 * One path pattern; exactly one field must be set.
 *
 * @param exact    the whole path, e.g. {@code /health}
 * @param prefix   a segment-boundary prefix: {@code /orders} matches {@code /orders} and {@code /orders/1} but not
 *                 {@code /ordersX}; a prefix ending in {@code /} matches anything below it
 * @param glob     {@code *} within one segment, {@code **} (a whole segment) across segments, {@code ?} one character
 * @param template literal segments and {@code {name}} segments, each capturing exactly one non-empty segment
 */
public record PathConfig(String exact, String prefix, String glob, String template) {}
