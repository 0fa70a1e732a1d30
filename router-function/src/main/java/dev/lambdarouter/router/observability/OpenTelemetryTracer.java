package dev.lambdarouter.router.observability;

import dev.lambdarouter.tracing.LambdaTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * {@link RouterTracer} on the OpenTelemetry API. Span attributes {@code route}, {@code target}, {@code mode},
 * {@code status}, {@code attempts} and {@code outcome} become X-Ray annotations (filter with
 * {@code annotation.route = "orders"}). A request whose answer is a 5xx, and a dispatch whose outcome is not
 * {@code Responded} or {@code Accepted}, are marked as errors; the request's status is also its
 * {@code http.response.status_code}, so that X-Ray counts a 4xx as an error and a 5xx as a fault.
 */
public final class OpenTelemetryTracer implements RouterTracer {

    /** The instrumentation scope of the router's own spans. */
    static final String SCOPE = "dev.lambdarouter.router";

    /** The semantic-convention status attribute: X-Ray marks a 4xx as an error, a 5xx as a fault. */
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private final LambdaTracing tracing;
    private final Tracer tracer;

    public OpenTelemetryTracer(LambdaTracing tracing) {
        this.tracing = tracing;
        this.tracer = tracing.tracer(SCOPE);
    }

    /** The router's tracer: {@link RouterTracer#NONE} when {@code tracing} is off. */
    public static RouterTracer of(LambdaTracing tracing) {
        return tracing.on() ? new OpenTelemetryTracer(tracing) : RouterTracer.NONE;
    }

    @Override
    public RequestSpan startRequest(String eventTraceHeader) {
        Span span = tracer.spanBuilder("request")
                .setParent(tracing.invocationParent(eventTraceHeader))
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        return new OpenRequestSpan(span);
    }

    @Override
    public DispatchSpan startDispatch(String route, String target, String mode) {
        Span span = tracer.spanBuilder("dispatch")
                .setAttribute("route", route)
                .setAttribute("target", target)
                .setAttribute("mode", mode)
                .startSpan();
        return new OpenDispatchSpan(span);
    }

    private static void setIfKnown(Span span, String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }

    private record OpenRequestSpan(Span span) implements RequestSpan {

        @Override
        public <T, E extends Exception> T run(SpanWork<T, E> work) throws E {
            try (Scope ignored = span.makeCurrent()) {
                return work.run();
            }
        }

        @Override
        public void end(String route, String target, String mode, int status) {
            setIfKnown(span, "route", route);
            setIfKnown(span, "target", target);
            setIfKnown(span, "mode", mode);
            span.setAttribute("status", status);
            span.setAttribute(HTTP_STATUS, status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    private record OpenDispatchSpan(Span span) implements DispatchSpan {

        @Override
        public String traceHeader() {
            return LambdaTracing.traceHeader(Context.current().with(span));
        }

        @Override
        public <T> T run(Supplier<T> dispatch) {
            try (Scope ignored = span.makeCurrent()) {
                return dispatch.get();
            }
        }

        @Override
        public void faultInjected(InjectedFault fault) {
            span.setAttribute("fault", fault.label());
        }

        @Override
        public void end(int attempts, String outcome) {
            span.setAttribute("attempts", attempts);
            span.setAttribute("outcome", outcome);
            if (!"Responded".equals(outcome) && !"Accepted".equals(outcome)) {
                span.setStatus(StatusCode.ERROR, outcome);
            }
            span.end();
        }

        @Override
        public void failed(RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
