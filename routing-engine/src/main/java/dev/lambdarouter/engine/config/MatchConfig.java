package dev.lambdarouter.engine.config;

import java.util.List;

/**
 * Match criteria of a route. Every present criterion must match (AND); within one list any entry may match (OR).
 * An absent list matches everything; an empty list is a validation error.
 *
 * @param hosts       exact host names or {@code *.suffix} wildcards, case-insensitive
 * @param paths       path patterns
 * @param methods     HTTP methods, case-insensitive
 * @param headers     header criteria (header names are case-insensitive)
 * @param query       query parameter criteria (names are case-sensitive)
 * @param sourceCidrs IPv4 or IPv6 networks the client address must be in
 */
public record MatchConfig(
        List<String> hosts,
        List<PathConfig> paths,
        List<String> methods,
        List<ValueMatchConfig> headers,
        List<ValueMatchConfig> query,
        List<String> sourceCidrs) {}
