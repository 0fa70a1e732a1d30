package dev.lambdarouter.router;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.router.observability.MetricDimensions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The router's settings, read once from environment variables. Every setting has a default so that a bare
 * deployment works; a malformed value fails the init phase with a message naming the variable.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><td>{@code ROUTER_CONFIG_PREFIX}</td><td>Parameter Store prefix, default {@code /lambda-router/dev}</td></tr>
 *   <tr><td>{@code ROUTER_CONFIG_TTL_SECONDS}</td><td>how long a routing table is trusted before re-checking, default 30</td></tr>
 *   <tr><td>{@code ROUTER_CONFIG_JITTER_SECONDS}</td><td>the largest random extra delay added to each TTL, default 10;
 *       never more than half the TTL</td></tr>
 *   <tr><td>{@code ROUTER_CONFIG_LOAD_WAIT_MILLIS}</td><td>how long a request waits for a load of the routing table
 *       it cannot be served without (cold start, first request after a SnapStart restore), default 2000; the
 *       load goes on after that</td></tr>
 *   <tr><td>{@code ROUTER_CONFIG_FULL_RELOAD_SECONDS}</td><td>re-list routes at least this often even if the version
 *       parameter did not change, default 300</td></tr>
 *   <tr><td>{@code ROUTER_HEALTH_PATH}</td><td>path answered by the router itself, default {@code /_router/health}</td></tr>
 *   <tr><td>{@code ROUTER_ALLOWED_FUNCTIONS}</td><td>comma-separated functions the router may invoke; empty = any
 *       (IAM still applies)</td></tr>
 *   <tr><td>{@code ROUTER_ALB_IDLE_TIMEOUT_SECONDS}</td><td>the load balancer's idle timeout: no worker call outlives
 *       it, default 60</td></tr>
 *   <tr><td>{@code ROUTER_BOOTSTRAP_ROUTES}</td><td>path of a route file (same JSON as a parameter) used when
 *       Parameter Store cannot be read at cold start; unset = none</td></tr>
 *   <tr><td>{@code ROUTER_METRICS_DIMENSIONS}</td><td>the dimension sets of each request's metrics:
 *       {@code route,target} (default: [Service], [Service, Route], [Service, Route, Target]), {@code route}
 *       ([Service], [Service, Route]) or {@code none} ([Service])</td></tr>
 * </table>
 */
public record RouterSettings(
        String configPrefix,
        Duration configTtl,
        Duration configJitter,
        Duration fullReloadInterval,
        String healthPath,
        FunctionAllowlist allowedFunctions,
        Duration albIdleTimeout,
        Optional<Path> bootstrapRoutes,
        Duration configLoadWait,
        MetricDimensions metricsDimensions) {

    public static final String DEFAULT_HEALTH_PATH = "/_router/health";
    public static final Duration DEFAULT_CONFIG_LOAD_WAIT = Duration.ofSeconds(2);

    public RouterSettings {
        Objects.requireNonNull(configPrefix, "configPrefix");
        Objects.requireNonNull(allowedFunctions, "allowedFunctions");
        Objects.requireNonNull(bootstrapRoutes, "bootstrapRoutes");
        Objects.requireNonNull(configLoadWait, "configLoadWait");
        Objects.requireNonNull(metricsDimensions, "metricsDimensions");
        if (configLoadWait.isNegative() || configLoadWait.isZero()) {
            throw new IllegalArgumentException(
                    "ROUTER_CONFIG_LOAD_WAIT_MILLIS must be > 0 milliseconds, got " + configLoadWait.toMillis());
        }
        ConfigLayout.requireValidPrefix(configPrefix);
        if (!healthPath.startsWith("/")) {
            throw new IllegalArgumentException("ROUTER_HEALTH_PATH must start with '/': " + healthPath);
        }
    }

    /**
     * Settings with no allowlist, the default ALB idle timeout, no bootstrap table, the default load wait and the
     * default metric dimensions.
     */
    public RouterSettings(
            String configPrefix,
            Duration configTtl,
            Duration configJitter,
            Duration fullReloadInterval,
            String healthPath) {
        this(
                configPrefix,
                configTtl,
                configJitter,
                fullReloadInterval,
                healthPath,
                FunctionAllowlist.parse(null),
                Duration.ofSeconds(60),
                Optional.empty(),
                DEFAULT_CONFIG_LOAD_WAIT,
                MetricDimensions.ROUTE_AND_TARGET);
    }

    /** Reads the settings from the process environment. */
    public static RouterSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from the given variables (missing ones take their defaults). */
    public static RouterSettings from(Map<String, String> env) {
        return new RouterSettings(
                env.getOrDefault(ConfigLayout.PREFIX_VARIABLE, ConfigLayout.DEFAULT_PREFIX),
                seconds(env, "ROUTER_CONFIG_TTL_SECONDS", 30),
                seconds(env, "ROUTER_CONFIG_JITTER_SECONDS", 10),
                seconds(env, "ROUTER_CONFIG_FULL_RELOAD_SECONDS", 300),
                env.getOrDefault("ROUTER_HEALTH_PATH", DEFAULT_HEALTH_PATH),
                FunctionAllowlist.parse(env.get("ROUTER_ALLOWED_FUNCTIONS")),
                seconds(env, "ROUTER_ALB_IDLE_TIMEOUT_SECONDS", 60),
                Optional.ofNullable(env.get("ROUTER_BOOTSTRAP_ROUTES"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of),
                Duration.ofMillis(whole(
                        env, "ROUTER_CONFIG_LOAD_WAIT_MILLIS", DEFAULT_CONFIG_LOAD_WAIT.toMillis(), "milliseconds")),
                MetricDimensions.parse(env.get(MetricDimensions.VARIABLE)));
    }

    /** These settings with another {@link #configLoadWait()}. */
    public RouterSettings withConfigLoadWait(Duration wait) {
        return new RouterSettings(
                configPrefix,
                configTtl,
                configJitter,
                fullReloadInterval,
                healthPath,
                allowedFunctions,
                albIdleTimeout,
                bootstrapRoutes,
                wait,
                metricsDimensions);
    }

    /** Where the routing configuration lives in Parameter Store under {@link #configPrefix()}. */
    public ConfigLayout configLayout() {
        return new ConfigLayout(configPrefix);
    }

    private static Duration seconds(Map<String, String> env, String name, long defaultSeconds) {
        return Duration.ofSeconds(whole(env, name, defaultSeconds, "seconds"));
    }

    /** A whole number >= 0 of {@code unit} from {@code name}. */
    private static long whole(Map<String, String> env, String name, long defaultValue, String unit) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0 " + unit + ", got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of " + unit + ", got '" + raw + "'");
        }
    }
}
