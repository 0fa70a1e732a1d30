/**
 * {@code routes}, the operator CLI: validates route files offline with the routing engine, publishes them to
 * Parameter Store (whole-table validation, version bumped last), re-weights a route's targets, shows the table,
 * compares tables and versions, lists the published versions and rolls back to one.
 * Entry point: {@link dev.lambdarouter.cli.RoutesCli}.
 */
package dev.lambdarouter.cli;
