package dev.lambdarouter.engine.config;

/**
 * A route's retry policy as written in JSON; {@code null} means "default".
 *
 * @param maxAttempts    1..5 invocations in all (1 = no retry), default 2
 * @param functionErrors when a worker's function error is retried: {@code "idempotent"} (default: GET, HEAD,
 *                       OPTIONS, PUT, DELETE), {@code "always"} or {@code "never"}
 * @param baseDelayMs    first backoff ceiling, 1..10000 ms, default 50
 * @param maxDelayMs     backoff cap, baseDelayMs..30000 ms, default 1000
 */
public record RetryConfig(Integer maxAttempts, String functionErrors, Integer baseDelayMs, Integer maxDelayMs) {}
