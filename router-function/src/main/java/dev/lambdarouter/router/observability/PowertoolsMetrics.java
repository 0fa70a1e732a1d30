package dev.lambdarouter.router.observability;

import java.util.Objects;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * {@link RouterMetrics} through Powertools: embedded metric format on stdout, no API calls.
 *
 * <p>A request is one record holding several dimension sets. Powertools' default dimensions ({@code Service})
 * are the record's first set, {@code [Service]}, and each {@link Metrics#addDimension(DimensionSet)} adds one more
 * set as given (not merged with the defaults), so the Route and Route+Target sets name Service themselves. The
 * record is built in {@link Metrics#flushMetrics}, a fresh metrics context per request that inherits the namespace
 * and default dimensions, rather than on the shared instance: there {@code addDimension} also turns the added
 * dimensions into default dimensions that would outlive the request (Powertools 2.9.0).
 *
 * <p>The instance is the router's own EMF logger, not {@code MetricsFactory}'s request-scoped proxy: the proxy keeps
 * one logger per X-Ray trace id until {@code flush()}, and {@code flushMetrics} never removes it, so in Lambda (a
 * new trace id per invocation) it would keep one logger per request for the life of the environment.
 */
final class PowertoolsMetrics implements RouterMetrics {

    private static final String DEFAULT_NAMESPACE = "LambdaRouter";
    private static final String DEFAULT_SERVICE = "lambda-router";
    private static final String SERVICE = "Service";
    private static final String ROUTE = "Route";
    private static final String TARGET = "Target";

    private final Metrics metrics;
    private final String namespace;
    private final String service;
    private final MetricDimensions dimensions;

    private PowertoolsMetrics(Metrics metrics, String namespace, String service, MetricDimensions dimensions) {
        this.metrics = metrics;
        this.namespace = namespace;
        this.service = service;
        this.dimensions = Objects.requireNonNull(dimensions, "dimensions");
    }

    static RouterMetrics fromEnvironment(MetricDimensions dimensions) {
        String namespace = orDefault(System.getenv("POWERTOOLS_METRICS_NAMESPACE"), DEFAULT_NAMESPACE);
        String service = orDefault(System.getenv("POWERTOOLS_SERVICE_NAME"), DEFAULT_SERVICE);
        Metrics metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE, service));
        metrics.setRaiseOnEmptyMetrics(false);
        return new PowertoolsMetrics(metrics, namespace, service, dimensions);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void requestCompleted(RequestOutcome outcome, String failureKind) {
        metrics.flushMetrics(record -> {
            addDimensionSets(record, outcome.route(), outcome.target());
            record.addMetric(MetricNames.REQUESTS, 1, MetricUnit.COUNT);
            record.addMetric(MetricNames.LATENCY, (double) outcome.latencyMillis(), MetricUnit.MILLISECONDS);
            record.addMetric(MetricNames.STATUS_4XX, outcome.status() / 100 == 4 ? 1 : 0, MetricUnit.COUNT);
            record.addMetric(MetricNames.STATUS_5XX, outcome.status() >= 500 ? 1 : 0, MetricUnit.COUNT);
            record.addMetric(MetricNames.ATTEMPTS, outcome.attempts(), MetricUnit.COUNT);
            if (failureKind != null) {
                record.addMetric(failureKind, 1, MetricUnit.COUNT);
            }
            if (outcome.fault() != null && outcome.fault().delayed()) {
                record.addMetric(MetricNames.FAULT_DELAY, 1, MetricUnit.COUNT);
            }
        });
    }

    /** After the default {@code [Service]}: {@code [Service, Route]} and {@code [Service, Route, Target]}. */
    private void addDimensionSets(Metrics record, String route, String target) {
        if (route == null || !dimensions.byRoute()) {
            return;
        }
        record.addDimension(DimensionSet.of(SERVICE, service, ROUTE, route));
        if (target != null && dimensions.byTarget()) {
            record.addDimension(DimensionSet.of(SERVICE, service, ROUTE, route, TARGET, target));
        }
    }

    @Override
    public void mirrorCopyDropped() {
        metrics.flushSingleMetric(MetricNames.MIRROR_COPY_DROPPED, 1, MetricUnit.COUNT, namespace);
    }

    @Override
    public void configEvent(String name) {
        metrics.flushSingleMetric(name, 1, MetricUnit.COUNT, namespace);
    }
}
