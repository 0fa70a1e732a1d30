/**
 * The routing engine: a compiled, immutable {@link dev.lambdarouter.engine.RoutingTable} built from route
 * configurations ({@link dev.lambdarouter.engine.RouteSource}), which matches a
 * {@link dev.lambdarouter.engine.RoutingRequest} to a {@link dev.lambdarouter.engine.Route} and picks one of its
 * {@link dev.lambdarouter.engine.Target}s (weighted, optionally sticky). Plain Java and Jackson; no AWS types.
 */
package dev.lambdarouter.engine;
