package dev.lambdarouter.workers.support;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import dev.lambdarouter.tracing.LambdaTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * Continues the router's trace in a worker: each invocation is one span ({@code handle}) whose parent is the
 * invocation's trace header from the Lambda runtime (with active tracing, the worker's function segment, itself in the
 * router's trace: the router's Invoke call carried the header), else the event's {@code x-amzn-trace-id} (the router's
 * dispatch span). Annotated with {@code route} and {@code target} (the router's {@code x-router-*} headers) and the
 * answer's {@code status}. Exported like the router's spans (see {@link LambdaTracing}); {@link #NONE} when off.
 */
public final class WorkerTracing {

    /** Tracing off: the handler just runs. */
    public static final WorkerTracing NONE = new WorkerTracing(LambdaTracing.OFF);

    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private final LambdaTracing tracing;
    private final Tracer tracer;

    public WorkerTracing(LambdaTracing tracing) {
        this.tracing = tracing;
        this.tracer = tracing.tracer("dev.lambdarouter.workers");
    }

    /** Tracing as the function's environment says ({@code AWS_XRAY_DAEMON_ADDRESS}, {@code OTEL_EXPORTER_OTLP_*}). */
    public static WorkerTracing fromEnvironment() {
        LambdaTracing tracing = LambdaTracing.fromEnvironment("worker");
        return tracing.on() ? new WorkerTracing(tracing) : NONE;
    }

    /** Runs {@code handler} for {@code request} inside the invocation's span, then sends what is buffered. */
    public ApplicationLoadBalancerResponseEvent handle(
            AlbRequest request, Supplier<ApplicationLoadBalancerResponseEvent> handler) {
        if (!tracing.on()) {
            return handler.get();
        }
        Span span = tracer.spanBuilder("handle")
                .setParent(tracing.invocationParent(request.header("x-amzn-trace-id")))
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        setIfPresent(span, "route", request.header("x-router-route"));
        setIfPresent(span, "target", request.header("x-router-target"));
        span.setAttribute("http.request.method", request.method());
        span.setAttribute("url.path", request.path());
        try (Scope ignored = span.makeCurrent()) {
            ApplicationLoadBalancerResponseEvent response = handler.get();
            if (response != null) {
                span.setAttribute("status", response.getStatusCode());
                span.setAttribute(HTTP_STATUS, response.getStatusCode());
            }
            return response;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
            tracing.flush();
        }
    }

    private static void setIfPresent(Span span, String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }
}
