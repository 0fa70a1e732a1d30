package dev.lambdarouter.router.observability;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics through Powertools (embedded metric format on stdout, no API calls):
 * {@code Requests}, {@code Status4xx}, {@code Status5xx}, {@code Latency}, {@code NoRoute},
 * {@code WorkerFailed}, {@code Throttled}, {@code ConfigRejected}, {@code ConfigSourceUnavailable},
 * {@code MirrorCopyDropped}.
 */
public final class RouterMetrics {

    private static final String DEFAULT_NAMESPACE = "LambdaRouter";

    private final Metrics metrics;
    private final String namespace;

    private RouterMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    /** The Powertools metrics instance; namespace from {@code POWERTOOLS_METRICS_NAMESPACE}, else LambdaRouter. */
    public static RouterMetrics fromEnvironment() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
        String effective = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
        metrics.setNamespace(effective);
        metrics.setRaiseOnEmptyMetrics(false);
        return new RouterMetrics(metrics, effective);
    }

    /** Records one request and flushes: a Lambda environment handles one request at a time. */
    public void requestCompleted(RequestOutcome outcome, String failureKind) {
        metrics.addMetric("Requests", 1, MetricUnit.COUNT);
        metrics.addMetric("Latency", outcome.latencyMillis(), MetricUnit.MILLISECONDS);
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

    /** Counts a mirror copy that did not leave (dropped, or refused by Lambda) during its request. */
    public void mirrorCopyDropped() {
        metrics.flushSingleMetric("MirrorCopyDropped", 1, MetricUnit.COUNT, namespace);
    }

    /** Counts a configuration event right away (it may happen on the refresh thread). */
    public void configEvent(String name) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace);
    }
}
