package dev.lambdarouter.router.dispatch;

/** Sends an {@link Invocation} to a worker Lambda. */
public interface Dispatcher {

    /**
     * Invokes the worker and reports what happened. Service and network errors come back as
     * {@link DispatchOutcome.Failed}; this method does not throw for them. Blocks for at most about
     * {@link Invocation#timeout()}.
     */
    DispatchOutcome dispatch(Invocation invocation);
}
