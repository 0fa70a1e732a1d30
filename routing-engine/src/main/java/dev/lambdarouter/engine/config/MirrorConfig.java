package dev.lambdarouter.engine.config;

/**
 * Traffic mirroring as written in JSON.
 *
 * @param function the shadow function (name, name:qualifier or ARN), invoked with Event
 * @param percent  share of the route's requests copied, greater than 0 and at most 100
 */
public record MirrorConfig(String function, Double percent) {}
