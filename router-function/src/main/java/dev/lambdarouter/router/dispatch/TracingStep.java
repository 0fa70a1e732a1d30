package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.observability.DispatchTracer;
import java.util.Locale;

/** One trace span around the dispatch, annotated with route, target and mode. */
final class TracingStep implements DispatchStep {

    private final DispatchTracer tracer;

    TracingStep(DispatchTracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        return tracer.traceDispatch(
                call.route(), call.target(), call.mode().name().toLowerCase(Locale.ROOT), () -> next.proceed(call));
    }
}
