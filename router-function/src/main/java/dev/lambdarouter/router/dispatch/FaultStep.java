package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.FaultPolicy;
import dev.lambdarouter.router.observability.InjectedFault;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The route's fault injection (Envoy's fault filter), for calls it concerns ({@link DispatchCall#fault()}, already
 * narrowed to its target and header limits): with the delay's probability the call is held for the delay, then with
 * the abort's probability it is answered with the abort's status instead of being dispatched. Both draws come from
 * the call's random source, delay first, each made for every call the fault concerns, so that a seeded source makes
 * the same decisions in every run.
 *
 * <p>The delay never outlasts the call's deadline: when it would, the call is held until the deadline and ends as a
 * {@code TIMEOUT} without an invoke; otherwise the rest of the pipeline gets what is left of the deadline. An abort
 * makes no invoke ({@code FAULT_ABORT}, 0 attempts).
 *
 * <p>Placed inside {@link TracingStep} (the dispatch span covers the delay and records the abort) and outside
 * {@link RetryStep} and {@link CircuitBreakerStep}: an injected fault is neither retried nor seen by a circuit
 * breaker, so it cannot open a circuit or spend retry tokens, and a delay is applied once per request, not per
 * attempt.
 */
final class FaultStep implements DispatchStep {

    private final DispatchPipeline.Sleeper sleeper;
    private final LongSupplier nanoClock;

    FaultStep(DispatchPipeline.Sleeper sleeper, LongSupplier nanoClock) {
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        Optional<FaultPolicy> fault = call.fault();
        if (fault.isEmpty()) {
            return next.proceed(call);
        }
        RandomGenerator random = call.random();
        Optional<FaultPolicy.Delay> delay = fault.get().delay();
        Optional<FaultPolicy.Abort> abort = fault.get().abort();
        boolean delayed = delay.isPresent() && drawn(random, delay.get().percent());
        boolean aborted = abort.isPresent() && drawn(random, abort.get().percent());
        if (!delayed && !aborted) {
            return next.proceed(call);
        }
        DispatchResult result = inject(call, next, delayed ? delay.get() : null, aborted ? abort.get() : null);
        call.span().faultInjected(InjectedFault.of(result.injectedDelay() != null, result.faultAborted()));
        return result;
    }

    /** Holds the call for {@code delay} (if not null), then aborts it (if {@code abort} is not null) or dispatches. */
    private DispatchResult inject(DispatchCall call, Chain next, FaultPolicy.Delay delay, FaultPolicy.Abort abort) {
        if (delay == null) {
            return aborted(abort);
        }
        Duration held = delay.duration();
        if (held.compareTo(call.timeout()) >= 0) {
            hold(call.timeout());
            return DispatchResult.notAttempted(
                            DispatchOutcome.Failure.TIMEOUT, "the injected delay reached the call's deadline")
                    .delayedBy(call.timeout());
        }
        long start = nanoClock.getAsLong();
        hold(held);
        Duration remaining = call.timeout().minusNanos(nanoClock.getAsLong() - start);
        if (abort != null) {
            return aborted(abort).delayedBy(held);
        }
        if (remaining.isNegative() || remaining.isZero()) {
            return DispatchResult.notAttempted(
                            DispatchOutcome.Failure.TIMEOUT, "the injected delay reached the call's deadline")
                    .delayedBy(held);
        }
        return next.proceed(call.withTimeout(remaining)).delayedBy(held);
    }

    private static boolean drawn(RandomGenerator random, double percent) {
        return random.nextDouble() * 100 < percent;
    }

    private static DispatchResult aborted(FaultPolicy.Abort abort) {
        return DispatchResult.notAttempted(
                DispatchOutcome.Failure.FAULT_ABORT, "injected abort with status " + abort.status());
    }

    private void hold(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cut short: the rest of the pipeline sees the interrupt
        }
    }
}
