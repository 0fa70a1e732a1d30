package dev.lambdarouter.engine;

/**
 * What a route does with a request it matches: exactly one action, so that combinations that make no sense (a fixed
 * response with a retry policy, a mirror of a response the router writes itself) cannot be expressed.
 *
 * <ul>
 *   <li>{@link Forward}: invoke one of the route's target functions, with its mode, stickiness, timeout, retry,
 *       fallback, mirror, async-event policy and fault injection;</li>
 *   <li>{@link FixedResponse}: answer by itself, without invoking any function (e.g. maintenance mode).</li>
 * </ul>
 */
public sealed interface RouteAction permits Forward, FixedResponse {}
