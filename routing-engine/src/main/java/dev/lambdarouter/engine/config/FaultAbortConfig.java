package dev.lambdarouter.engine.config;

/**
 * The abort part of a route's fault injection, as written in JSON.
 *
 * @param percent share of requests aborted, greater than 0 and at most 100 (decimals allowed)
 * @param status  the status they are answered with, 400..599
 */
public record FaultAbortConfig(Double percent, Integer status) {}
