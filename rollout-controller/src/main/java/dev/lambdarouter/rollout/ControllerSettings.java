package dev.lambdarouter.rollout;

import dev.lambdarouter.engine.ConfigLayout;
import java.util.Map;
import java.util.Objects;

/**
 * The controller's environment: where the routes and rollouts live ({@code ROUTER_CONFIG_PREFIX}, as the router's),
 * the router's metrics ({@code ROLLOUT_METRICS_NAMESPACE}, default {@code LambdaRouter}; {@code
 * ROLLOUT_METRICS_SERVICE}, the router's Service dimension, default {@code lambda-router} as the router's) and the
 * optional SNS topic for decisions ({@code ROLLOUT_TOPIC_ARN}).
 */
public record ControllerSettings(ConfigLayout layout, String namespace, String service, String topicArn) {

    static final String NAMESPACE_VARIABLE = "ROLLOUT_METRICS_NAMESPACE";
    static final String SERVICE_VARIABLE = "ROLLOUT_METRICS_SERVICE";
    static final String TOPIC_VARIABLE = "ROLLOUT_TOPIC_ARN";

    public ControllerSettings {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(service, "service");
    }

    /**
     * From environment variables.
     *
     * @throws IllegalArgumentException when {@code ROUTER_CONFIG_PREFIX} is not a valid prefix (says what is allowed)
     */
    public static ControllerSettings fromEnvironment(Map<String, String> env) {
        String prefix = orDefault(env.get(ConfigLayout.PREFIX_VARIABLE), ConfigLayout.DEFAULT_PREFIX);
        if (!ConfigLayout.isValidPrefix(prefix)) {
            throw new IllegalArgumentException(
                    ConfigLayout.PREFIX_VARIABLE + " is '" + prefix + "': it " + ConfigLayout.PREFIX_RULE);
        }
        String topic = env.get(TOPIC_VARIABLE);
        return new ControllerSettings(
                new ConfigLayout(prefix),
                orDefault(env.get(NAMESPACE_VARIABLE), "LambdaRouter"),
                orDefault(env.get(SERVICE_VARIABLE), "lambda-router"),
                topic == null || topic.isBlank() ? null : topic.strip());
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
