package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.alb.AlbResponse;
import java.time.Duration;

/**
 * What the last attempt made came to, and how many invocations were made: what each {@link DispatchStep} returns.
 *
 * @param outcome   what Lambda answered on the last attempt (or why no attempt was made, with 0 attempts)
 * @param response  the worker's answer, read and checked, when {@code outcome} is {@link DispatchOutcome.Responded}
 *                  and the ALB would accept it; otherwise null
 * @param rejection why the ALB would reject the worker's answer, when {@code outcome} is
 *                  {@link DispatchOutcome.Responded} and it would; otherwise null
 * @param attempts  invocations made
 * @param injectedDelay how long the route's fault injection held the call before it was dispatched, or null
 */
record DispatchResult(
        DispatchOutcome outcome, AlbResponse response, String rejection, int attempts, Duration injectedDelay) {

    /** A result the route's fault injection did not delay. */
    DispatchResult(DispatchOutcome outcome, AlbResponse response, String rejection, int attempts) {
        this(outcome, response, rejection, attempts, null);
    }

    /** One invocation's outcome, its answer not (yet) checked. */
    static DispatchResult invoked(DispatchOutcome outcome) {
        return new DispatchResult(outcome, null, null, 1);
    }

    /** No invocation was made, for {@code failure}. */
    static DispatchResult notAttempted(DispatchOutcome.Failure failure, String detail) {
        return new DispatchResult(new DispatchOutcome.Failed(failure, detail, null), null, null, 0);
    }

    DispatchResult withAttempts(int total) {
        return new DispatchResult(outcome, response, rejection, total, injectedDelay);
    }

    /** This result of a call the route's fault injection held for {@code delay} first. */
    DispatchResult delayedBy(Duration delay) {
        return new DispatchResult(outcome, response, rejection, attempts, delay);
    }

    /** Whether the route's fault injection aborted the call. */
    boolean faultAborted() {
        return outcome instanceof DispatchOutcome.Failed f && f.failure() == DispatchOutcome.Failure.FAULT_ABORT;
    }
}
