package dev.lambdarouter.router.observability;

/**
 * The router's CloudWatch metrics: {@code Requests}, {@code Status4xx}, {@code Status5xx}, {@code Latency},
 * one count per failure kind ({@code WorkerFailed}, {@code THROTTLED}, ...), {@code ConfigRejected},
 * {@code ConfigSourceUnavailable}, {@code StaleTableServed}, {@code MirrorCopyDropped}.
 */
public interface RouterMetrics {

    /** Records one request and flushes: a Lambda environment handles one request at a time. */
    void requestCompleted(RequestOutcome outcome, String failureKind);

    /** Counts a mirror copy that did not leave (dropped, or refused by Lambda) during its request. */
    void mirrorCopyDropped();

    /** Counts a configuration event right away (it may happen on the refresh thread). */
    void configEvent(String name);

    /** Powertools metrics; namespace from {@code POWERTOOLS_METRICS_NAMESPACE}, else LambdaRouter. */
    static RouterMetrics fromEnvironment() {
        return PowertoolsMetrics.fromEnvironment();
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
