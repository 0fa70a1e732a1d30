package dev.lambdarouter.router.observability;

import java.util.Locale;

/**
 * How many dimension sets each request's metrics carry, from {@code ROUTER_METRICS_DIMENSIONS}. Each distinct
 * combination of metric name and dimension values is a CloudWatch custom metric, so more sets cost more.
 */
public enum MetricDimensions {
    /** {@code [Service]}, {@code [Service, Route]} and {@code [Service, Route, Target]} (the default). */
    ROUTE_AND_TARGET("route,target"),
    /** {@code [Service]} and {@code [Service, Route]}. */
    ROUTE("route"),
    /** {@code [Service]} only. */
    NONE("none");

    /** The environment variable this is read from. */
    public static final String VARIABLE = "ROUTER_METRICS_DIMENSIONS";

    private final String setting;

    MetricDimensions(String setting) {
        this.setting = setting;
    }

    /** The value of {@link #VARIABLE} that selects this. */
    public String setting() {
        return setting;
    }

    /**
     * The dimensions {@code value} names; {@link #ROUTE_AND_TARGET} when it is null or blank. Case and blanks around
     * the comma do not matter.
     *
     * @throws IllegalArgumentException naming the variable and the allowed values
     */
    public static MetricDimensions parse(String value) {
        if (value == null || value.isBlank()) {
            return ROUTE_AND_TARGET;
        }
        String normalized = value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        for (MetricDimensions dimensions : values()) {
            if (dimensions.setting.equals(normalized)) {
                return dimensions;
            }
        }
        throw new IllegalArgumentException(
                VARIABLE + " must be one of 'route,target' (the default), 'route' or" + " 'none', got '" + value + "'");
    }

    boolean byRoute() {
        return this != NONE;
    }

    boolean byTarget() {
        return this == ROUTE_AND_TARGET;
    }
}
