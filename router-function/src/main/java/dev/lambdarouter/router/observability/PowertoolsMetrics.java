package dev.lambdarouter.router.observability;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** {@link RouterMetrics} through Powertools: embedded metric format on stdout, no API calls. */
final class PowertoolsMetrics implements RouterMetrics {

    private static final String DEFAULT_NAMESPACE = "LambdaRouter";

    private final Metrics metrics;
    private final String namespace;

    private PowertoolsMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    /** The Powertools metrics instance; namespace from {@code POWERTOOLS_METRICS_NAMESPACE}, else LambdaRouter. */
    static RouterMetrics fromEnvironment() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
        String effective = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
        metrics.setNamespace(effective);
        metrics.setRaiseOnEmptyMetrics(false);
        return new PowertoolsMetrics(metrics, effective);
    }

    @Override
    public void requestCompleted(RequestOutcome outcome, String failureKind) {
        metrics.addMetric("Requests", 1, MetricUnit.COUNT);
        metrics.addMetric("Latency", (double) outcome.latencyMillis(), MetricUnit.MILLISECONDS);
        if (outcome.status() >= 500) {
            metrics.addMetric("Status5xx", 1, MetricUnit.COUNT);
        } else if (outcome.status() >= 400) {
            metrics.addMetric("Status4xx", 1, MetricUnit.COUNT);
        }
        if (failureKind != null) {
            metrics.addMetric(failureKind, 1, MetricUnit.COUNT);
        }
        metrics.flush();
    }

    @Override
    public void mirrorCopyDropped() {
        metrics.flushSingleMetric("MirrorCopyDropped", 1, MetricUnit.COUNT, namespace);
    }

    @Override
    public void configEvent(String name) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace);
    }
}
