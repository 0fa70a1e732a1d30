package dev.lambdarouter.engine;

/**
 * A shadow function that receives a copy of a share of the route's requests (Event invoke, fire-and-forget).
 *
 * @param function the shadow function
 * @param percent  share of requests copied, in (0, 100]
 */
public record Mirror(String function, double percent) {}
