package dev.lambdarouter.engine;

import java.util.Objects;

/**
 * One worker a route may dispatch to.
 *
 * @param function a Lambda function name, {@code name:qualifier} or full function ARN
 * @param weight   relative share of traffic, {@code >= 0}; a target with weight 0 is never chosen
 */
public record Target(String function, int weight) {
    public Target {
        Objects.requireNonNull(function, "function");
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }
}
