package dev.lambdarouter.engine.config;

/**
 * A weighted target.
 *
 * @param function function name, {@code name:qualifier} ({@code $LATEST}, version or alias) or full function ARN
 * @param weight   relative share, {@code >= 0}; defaults to 1 when absent
 */
public record TargetConfig(String function, Integer weight) {}
