package dev.lambdarouter.engine;

import java.util.Objects;

/**
 * Where a routing configuration lives in Parameter Store, under one prefix: the one definition of the layout the
 * routers read and the operator CLI reads and writes.
 *
 * <ul>
 *   <li>{@code {prefix}/routes/...}: the route parameters, each one route or an array of routes
 *       ({@link RouteParameter}), listed recursively;</li>
 *   <li>{@code {prefix}/version}: changes whenever the table is published; routers re-list the routes when it
 *       moves;</li>
 *   <li>{@code {prefix}/allowed-functions}: the routers' {@link FunctionAllowlist}, written by the stack for the
 *       CLI (outside {@code routes/}, so routers never list it).</li>
 *   <li>{@code {prefix}/rollouts/<route>}: a route's canary rollout document, written by the CLI and the rollout
 *       controller (outside {@code routes/}, so routers never read it).</li>
 * </ul>
 *
 * @param prefix starts with {@code /} and does not end with {@code /}, e.g. {@code /lambda-router/dev}
 */
public record ConfigLayout(String prefix) {

    /** The environment variable both the routers and the CLI read the prefix from. */
    public static final String PREFIX_VARIABLE = "ROUTER_CONFIG_PREFIX";

    public static final String DEFAULT_PREFIX = "/lambda-router/dev";

    /** What {@link #isValidPrefix} requires, for messages. */
    public static final String PREFIX_RULE = "must start with '/' and must not end with '/'";

    /** @throws IllegalArgumentException when {@code prefix} is not {@linkplain #isValidPrefix valid} */
    public ConfigLayout {
        requireValidPrefix(prefix);
    }

    public static boolean isValidPrefix(String prefix) {
        return prefix.startsWith("/") && !prefix.endsWith("/");
    }

    /**
     * Checks a prefix read from {@link #PREFIX_VARIABLE}.
     *
     * @throws IllegalArgumentException naming the variable and the rule when it is not valid
     */
    public static String requireValidPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException(PREFIX_VARIABLE + " " + PREFIX_RULE + ": " + prefix);
        }
        return prefix;
    }

    /** {@code {prefix}/routes}, without a trailing slash, as it is listed. */
    public String routesPath() {
        return prefix + "/routes";
    }

    /** The full name of the route parameter {@code relativeName} (e.g. {@code team-a/orders}). */
    public String routeParameter(String relativeName) {
        return routesPath() + "/" + relativeName;
    }

    /** The parameter whose value changes whenever the table is published. */
    public String versionParameter() {
        return prefix + "/version";
    }

    /** The routers' allowlist as the stack publishes it (comma-separated function names or ARNs; absent: none). */
    public String allowedFunctionsParameter() {
        return prefix + "/allowed-functions";
    }

    /** {@code {prefix}/rollouts}, without a trailing slash, as it is listed: one rollout document per route. */
    public String rolloutsPath() {
        return prefix + "/rollouts";
    }

    /** The rollout document of the route named {@code route} (a route name, not a parameter name). */
    public String rolloutParameter(String route) {
        return rolloutsPath() + "/" + route;
    }
}
