package dev.lambdarouter.rollout;

import java.util.Objects;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * One embedded-metric-format record per decision that changed or kept a rollout (namespace {@code LambdaRouter}):
 * {@code RolloutAdvance}, {@code RolloutHold}, {@code RolloutComplete}, {@code RolloutRollback} or
 * {@code RolloutPause} = 1, with the dimension sets {@code [Service]} and {@code [Service, Route]} (Service: the
 * router's, so they sit next to its metrics). A rollout the run could not decide on (Parameter Store or CloudWatch
 * unreachable, a permission missing, an unreadable document) is {@code RolloutFailed} = 1, so a controller that keeps
 * failing is seen, not only logged. Stale and skipped rollouts emit none (the log line says why).
 */
final class RolloutMetrics implements RolloutListener {

    static final String ADVANCE = "RolloutAdvance";
    static final String HOLD = "RolloutHold";
    static final String COMPLETE = "RolloutComplete";
    static final String ROLLBACK = "RolloutRollback";
    static final String PAUSE = "RolloutPause";
    static final String FAILED = "RolloutFailed";

    private final Metrics metrics;
    private final String service;

    RolloutMetrics(String namespace, String service) {
        this.service = Objects.requireNonNull(service, "service");
        this.metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(Objects.requireNonNull(namespace, "namespace"));
        metrics.setDefaultDimensions(DimensionSet.of("Service", service));
        metrics.setRaiseOnEmptyMetrics(false);
    }

    static String metricName(DecisionKind effect) {
        return switch (effect) {
            case ADVANCE, REPUBLISH -> ADVANCE;
            case HOLD -> HOLD;
            case COMPLETE -> COMPLETE;
            case ROLLBACK -> ROLLBACK;
            case PAUSE -> PAUSE;
        };
    }

    @Override
    public void recorded(RolloutRecord record) {
        DecisionKind effect = record.effect();
        String name = effect != null ? metricName(effect) : record.outcome() == RolloutOutcome.FAILED ? FAILED : null;
        if (name == null) {
            return;
        }
        metrics.flushMetrics(one -> {
            one.addDimension(DimensionSet.of("Service", service, "Route", record.route()));
            one.addMetric(name, 1, MetricUnit.COUNT);
        });
    }
}
