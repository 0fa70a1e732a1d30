package dev.lambdarouter.engine.config;

import java.util.List;

/**
 * What an event sent with Event invoke (an async route's event, a mirror copy) may carry, as written in JSON.
 *
 * @param dropHeaders client header names removed from the event before it leaves the router (case-insensitive);
 *                    replaces the default list; an empty list forwards every header
 */
public record AsyncEventConfig(List<String> dropHeaders) {}
