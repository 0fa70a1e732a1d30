/**
 * The runtime inside each function's JVM: loads the handler in its own class loader (code, then layers), builds the
 * {@code Context}, (de)serialises events as the managed Java runtime does, and talks to the stack over a socket.
 */
package dev.lambdarouter.localstack.bootstrap;
