/**
 * The routing engine: a compiled, immutable {@link dev.lambdarouter.engine.RoutingTable} built from route parameters
 * ({@link dev.lambdarouter.engine.RouteParameter}, one parameter's JSON), laid out in Parameter Store as
 * {@link dev.lambdarouter.engine.ConfigLayout} says. Each {@link dev.lambdarouter.engine.Route} is a match
 * ({@code RouteMatcher}) plus one {@link dev.lambdarouter.engine.RouteAction}:
 * {@link dev.lambdarouter.engine.Forward} to weighted (optionally sticky) targets, or a
 * {@link dev.lambdarouter.engine.FixedResponse}. Routing a {@link dev.lambdarouter.engine.RoutingRequest} gives a
 * {@link dev.lambdarouter.engine.RouteDecision}. Plain Java and Jackson; no AWS types.
 */
package dev.lambdarouter.engine;
