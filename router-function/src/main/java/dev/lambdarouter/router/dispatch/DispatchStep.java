package dev.lambdarouter.router.dispatch;

/**
 * One concern of the dispatch pipeline (tracing, retries, the circuit breaker, ...), in the manner of an OkHttp
 * interceptor: it gets the call and the rest of the chain, and decides whether, how often and with what to
 * {@link Chain#proceed} it. The last step of a pipeline invokes Lambda and does not proceed.
 */
interface DispatchStep {

    DispatchResult dispatch(DispatchCall call, Chain next);

    /**
     * Whether this step would let a call to {@code target} through now, without taking anything (a retry is planned
     * only when every step after the retry step admits it). Most steps always do.
     */
    default boolean admits(String target) {
        return true;
    }

    /** The steps after the current one. */
    interface Chain {

        /** Runs the rest of the pipeline on {@code call}. */
        DispatchResult proceed(DispatchCall call);

        /** Whether every remaining step {@link DispatchStep#admits admits} a call to {@code target} now. */
        boolean admits(String target);
    }
}
