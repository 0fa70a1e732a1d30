package dev.lambdarouter.router.dispatch;

import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One attempt through the target's circuit breaker: refused ({@code CIRCUIT_OPEN}, no invocation) while the
 * circuit is open, else made, and its result recorded. What counts is two predicates, as in resilience4j's
 * {@code recordResultPredicate} / {@code ignoreExceptions}: {@link #IGNORED} results say nothing about the target's
 * health; {@link #FAILURE} results count against it; everything else is a success.
 */
final class CircuitBreakerStep implements DispatchStep {

    /** The client made the payload too large: not the target's fault. */
    static final Predicate<DispatchResult> IGNORED = r ->
            r.outcome() instanceof DispatchOutcome.Failed f && f.failure() == DispatchOutcome.Failure.PAYLOAD_TOO_LARGE;

    /**
     * What says the target is unhealthy: function errors, answers the ALB would reject, timeouts, throttles, Lambda
     * errors, and a missing or forbidden function.
     */
    static final Predicate<DispatchResult> FAILURE = r -> r.rejection() != null
            || r.outcome() instanceof DispatchOutcome.FunctionFailed
            || (r.outcome() instanceof DispatchOutcome.Failed && !IGNORED.test(r));

    private final TargetCircuitBreakers breakers;
    private final LongSupplier nanoClock;

    CircuitBreakerStep(TargetCircuitBreakers breakers, LongSupplier nanoClock) {
        this.breakers = breakers;
        this.nanoClock = nanoClock;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        String target = call.target();
        if (!breakers.tryAcquire(target)) {
            return DispatchResult.notAttempted(
                    DispatchOutcome.Failure.CIRCUIT_OPEN, "circuit breaker for '" + target + "' is open");
        }
        long started = nanoClock.getAsLong();
        DispatchResult result = next.proceed(call);
        long elapsed = nanoClock.getAsLong() - started;
        if (IGNORED.test(result)) {
            breakers.release(target);
        } else if (FAILURE.test(result)) {
            breakers.onFailure(target, failureKind(result), elapsed);
        } else {
            breakers.onSuccess(target, elapsed);
        }
        return result;
    }

    @Override
    public boolean admits(String target) {
        return breakers.isAvailable(target);
    }

    private static String failureKind(DispatchResult result) {
        return result.rejection() != null
                ? "InvalidAnswer"
                : result.outcome().getClass().getSimpleName();
    }
}
