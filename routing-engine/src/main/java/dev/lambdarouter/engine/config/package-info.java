/**
 * The route configuration model as written in Parameter Store: Jackson-bound records, unvalidated, and
 * {@link dev.lambdarouter.engine.config.RouteConfigParser} which reads them from one
 * {@link dev.lambdarouter.engine.RouteParameter}. Validation and compilation happen in
 * {@link dev.lambdarouter.engine.RoutingTable#compile}.
 */
package dev.lambdarouter.engine.config;
