package dev.lambdarouter.router.observability;

import java.util.function.Supplier;

/** Wraps a dispatch in a trace span annotated with route and target. */
public interface DispatchTracer {

    <T> T traceDispatch(String route, String target, String mode, Supplier<T> dispatch);

    /** Tracing off. */
    DispatchTracer NONE = new DispatchTracer() {
        @Override
        public <T> T traceDispatch(String route, String target, String mode, Supplier<T> dispatch) {
            return dispatch.get();
        }
    };
}
