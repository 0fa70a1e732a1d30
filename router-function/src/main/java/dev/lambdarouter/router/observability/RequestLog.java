package dev.lambdarouter.router.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One structured JSON line per request (Powertools log4j2 JSON layout): correlation id (from
 * {@code x-amzn-trace-id}), request id, method, path, route, target, how the target was picked ({@code pick}), mode,
 * status, latency, and {@code fault} ({@code abort}, {@code delay} or {@code delay+abort}) when the route's fault
 * injection was applied. Headers are never logged, so {@code authorization}, {@code cookie}, {@code set-cookie} and sticky
 * keys cannot leak: {@code pick} names the kind of sticky key, never its value.
 */
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lambdarouter.router.requests");
    private static final String CORRELATION_ID = "correlation_id";

    /** One line per request. */
    public static final RequestLog JSON = new RequestLog(true);

    /** Logging off (SnapStart priming runs thousands of synthetic requests). */
    public static final RequestLog NONE = new RequestLog(false);

    private final boolean enabled;

    private RequestLog(boolean enabled) {
        this.enabled = enabled;
    }

    /** Sets the correlation id for every log line of this request. */
    public void begin(String correlationId) {
        if (!enabled) {
            return;
        }
        if (correlationId != null) {
            MDC.put(CORRELATION_ID, correlationId);
        } else {
            MDC.remove(CORRELATION_ID);
        }
    }

    public void completed(RequestOutcome o) {
        if (!enabled) {
            return;
        }
        Object[] fields = {
            entry("request_id", o.requestId()),
            entry("method", o.method()),
            entry("path", o.path()),
            entry("route", o.route()),
            entry("target", o.target()),
            entry("pick", o.pick()),
            entry("mode", o.mode()),
            entry("status", o.status()),
            entry("latency_ms", o.latencyMillis()),
            entry("lambda_request_id", o.lambdaRequestId()),
            entry("problem", o.problem()),
            entry("attempts", o.attempts()),
            entry("fallback", o.fallback()),
            entry("fault", o.fault() == null ? null : o.fault().label())
        };
        if (o.status() >= 500) {
            LOG.warn("request completed", fields);
        } else {
            LOG.info("request completed", fields);
        }
        MDC.remove(CORRELATION_ID);
    }
}
