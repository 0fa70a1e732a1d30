package dev.lambdarouter.router.observability;

import java.util.function.Supplier;

/**
 * The router's trace spans: one per request (route, target, mode, status) and, inside it, one per dispatch (route,
 * target, mode, attempts, outcome), whose trace header the worker event carries. {@link #NONE} when tracing is off.
 */
public interface RouterTracer {

    /**
     * Starts the span of one request; it is current within {@link RequestSpan#run}.
     *
     * @param eventTraceHeader the event's {@code x-amzn-trace-id} (used when the Lambda runtime names no parent), or
     *                         null
     */
    RequestSpan startRequest(String eventTraceHeader);

    /** Starts the span of one dispatch, a child of the current span; current only within {@link DispatchSpan#run}. */
    DispatchSpan startDispatch(String route, String target, String mode);

    /** Work done within a span, which may throw {@code E}. */
    @FunctionalInterface
    interface SpanWork<T, E extends Exception> {
        T run() throws E;
    }

    /** The span of one request. */
    interface RequestSpan {

        /** Runs {@code work} with this span current: the dispatch span and the SDK calls become its children. */
        <T, E extends Exception> T run(SpanWork<T, E> work) throws E;

        /** Ends the span; {@code route}, {@code target} and {@code mode} are null when not known. */
        void end(String route, String target, String mode, int status);

        RequestSpan NONE = new RequestSpan() {
            @Override
            public <T, E extends Exception> T run(SpanWork<T, E> work) throws E {
                return work.run();
            }

            @Override
            public void end(String route, String target, String mode, int status) {}
        };
    }

    /** The span of one dispatch. */
    interface DispatchSpan {

        /** The X-Ray trace header naming this span as parent, for the worker event; null when tracing is off. */
        String traceHeader();

        /** Runs {@code dispatch} with this span current, so that the Lambda Invoke call is its child. */
        <T> T run(Supplier<T> dispatch);

        /** Ends the span: {@code attempts} invocations made, {@code outcome} what the last came to. */
        void end(int attempts, String outcome);

        /** Ends the span with {@code failure}, which the dispatch threw. */
        void failed(RuntimeException failure);

        /** Notes what the route's fault injection did to this dispatch, before it ends. */
        default void faultInjected(InjectedFault fault) {}

        DispatchSpan NONE = new DispatchSpan() {
            @Override
            public String traceHeader() {
                return null;
            }

            @Override
            public <T> T run(Supplier<T> dispatch) {
                return dispatch.get();
            }

            @Override
            public void end(int attempts, String outcome) {}

            @Override
            public void failed(RuntimeException failure) {}
        };
    }

    /** Tracing off. */
    RouterTracer NONE = new RouterTracer() {
        @Override
        public RequestSpan startRequest(String eventTraceHeader) {
            return RequestSpan.NONE;
        }

        @Override
        public DispatchSpan startDispatch(String route, String target, String mode) {
            return DispatchSpan.NONE;
        }
    };
}
