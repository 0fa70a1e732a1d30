package dev.lambdarouter.engine.config;

/**
 * Fault injection as written in JSON (Envoy-style): abort a share of the route's requests with a status, delay a
 * share before the worker is invoked, or both; optionally only for one target or for requests with a header.
 *
 * @param abort  optional: the share of requests answered with {@code status} without invoking the worker
 * @param delay  optional: the share of requests held for {@code ms} before the worker is invoked
 * @param target optional: only requests whose picked target is this function (one of the route's targets)
 * @param header optional: only requests that carry this header (and value, when given)
 */
public record FaultConfig(FaultAbortConfig abort, FaultDelayConfig delay, String target, FaultHeaderConfig header) {}
