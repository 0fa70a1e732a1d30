package dev.lambdarouter.engine.config;

/**
 * A header or query parameter criterion: {@code name} plus exactly one of {@code exact}, {@code regex} (full match)
 * or {@code present} ({@code true}: the name occurs; {@code false}: it does not). With several values of the same
 * name, any value may match.
 */
public record ValueMatchConfig(String name, String exact, String regex, Boolean present) {}
