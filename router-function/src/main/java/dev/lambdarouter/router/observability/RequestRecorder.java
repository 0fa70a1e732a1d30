package dev.lambdarouter.router.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a request's outcome goes: its log line and its metrics. Never fails the request. */
public final class RequestRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRecorder.class);

    private final RequestLog log;
    private final RouterMetrics metrics;

    public RequestRecorder(RequestLog log, RouterMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    /** Sets the correlation id for every log line of this request. */
    public void begin(String correlationId) {
        log.begin(correlationId);
    }

    /**
     * Writes the request's log line and metrics, to standard output in one write ({@link StandardOutput});
     * {@code failureKind} is the failure's metric name, or null.
     */
    public void completed(RequestOutcome outcome, String failureKind) {
        try {
            StandardOutput.batched(() -> {
                log.completed(outcome);
                metrics.requestCompleted(outcome, failureKind);
            });
        } catch (RuntimeException e) {
            LOG.error("failed to record request outcome", e);
        }
    }
}
