package dev.lambdarouter.router.observability;

/**
 * The router's CloudWatch metrics; {@link MetricNames} lists every name, its unit and its dimension sets.
 */
public interface RouterMetrics {

    /**
     * Records one request and flushes it as one record: a Lambda environment handles one request at a time.
     *
     * @param outcome     the request; its route and target become the Route and Target dimensions when known
     * @param failureKind the {@link MetricNames} name of what went wrong (e.g. {@link MetricNames#THROTTLED}), or
     *                    null
     */
    void requestCompleted(RequestOutcome outcome, String failureKind);

    /** Counts a mirror copy that did not leave (dropped, or refused by Lambda) during its request. */
    void mirrorCopyDropped();

    /** Counts a configuration event ({@link MetricNames}) right away (it may happen on the refresh thread). */
    void configEvent(String name);

    /**
     * Embedded-metric-format records on stdout ({@link EmfMetrics}) with {@code dimensions}; namespace from
     * {@code POWERTOOLS_METRICS_NAMESPACE}, else {@code LambdaRouter}; the Service dimension from
     * {@code POWERTOOLS_SERVICE_NAME}, else {@code lambda-router}; off when {@code POWERTOOLS_METRICS_DISABLED} is
     * {@code true}.
     */
    static RouterMetrics fromEnvironment(MetricDimensions dimensions) {
        return EmfMetrics.fromEnvironment(dimensions);
    }

    /** Metrics off. */
    RouterMetrics NONE = new RouterMetrics() {
        @Override
        public void requestCompleted(RequestOutcome outcome, String failureKind) {}

        @Override
        public void mirrorCopyDropped() {}

        @Override
        public void configEvent(String name) {}
    };
}
