package dev.lambdarouter.engine.config;

/**
 * The delay part of a route's fault injection, as written in JSON.
 *
 * @param percent share of requests delayed, greater than 0 and at most 100 (decimals allowed)
 * @param ms      how long they are held before the worker is invoked, 1..60000 and less than the route's timeout
 */
public record FaultDelayConfig(Double percent, Integer ms) {}
