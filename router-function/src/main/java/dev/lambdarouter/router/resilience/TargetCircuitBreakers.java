package dev.lambdarouter.router.resilience;

import dev.lambdarouter.router.dispatch.DispatchOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One resilience4j circuit breaker per target function. A breaker opens when, over the last
 * {@code windowSize} calls (at least {@code minimumCalls}), {@code failureRatePercent} failed; it then rejects the
 * target for {@code openDuration} and lets {@code halfOpenProbes} calls through to decide whether to close.
 *
 * <p>Failures are what says the target is unhealthy: function errors, answers the ALB would reject (see
 * {@link #recordInvalidAnswer}), timeouts, throttles, Lambda errors, and a missing or forbidden function. A payload the client made too large is not the target's fault
 * and is ignored.
 */
public final class TargetCircuitBreakers {

    private final ConcurrentMap<String, CircuitBreaker> byFunction = new ConcurrentHashMap<>();
    private final Function<String, CircuitBreaker> create;

    public TargetCircuitBreakers(CircuitBreakerConfig config) {
        // A plain map rather than CircuitBreakerRegistry: the registry's lookup allocates on every call (JMH -prof gc,
        // 1,000 routes: 230 B per decision through the registry, 56 B through this map), and its other features are
        // not used here.
        this.create = function -> CircuitBreaker.of(function, config);
    }

    /** Defaults: 50 % of the last 20 calls (10 at least), open 10 s, 3 probes. */
    public static TargetCircuitBreakers withDefaults() {
        return new TargetCircuitBreakers(defaultConfig(Duration.ofSeconds(10)));
    }

    public static CircuitBreakerConfig defaultConfig(Duration openDuration) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openDuration)
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
    }

    /** Whether a call to {@code function} may go out now (closed, or a half-open probe slot is free). */
    public boolean tryAcquire(String function) {
        return breaker(function).tryAcquirePermission();
    }

    /**
     * Whether the target may be picked: a call would be let through now (closed, or open long enough and with a
     * half-open probe slot free). Takes no slot: the permission is tried and handed straight back.
     */
    public boolean isAvailable(String function) {
        CircuitBreaker breaker = breaker(function);
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        breaker.releasePermission();
        return true;
    }

    /** Records the outcome of a call that {@link #tryAcquire} let through. */
    public void record(String function, DispatchOutcome outcome, long elapsedNanos) {
        CircuitBreaker breaker = breaker(function);
        if (isFailure(outcome)) {
            breaker.onError(
                    elapsedNanos,
                    TimeUnit.NANOSECONDS,
                    new TargetFailure(outcome.getClass().getSimpleName()));
        } else if (outcome instanceof DispatchOutcome.Failed f
                && f.failure() == DispatchOutcome.Failure.PAYLOAD_TOO_LARGE) {
            breaker.releasePermission();
        } else {
            breaker.onSuccess(elapsedNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Records a call that {@link #tryAcquire} let through and that answered something the ALB would reject: a
     * failure, like a function error.
     */
    public void recordInvalidAnswer(String function, long elapsedNanos) {
        breaker(function).onError(elapsedNanos, TimeUnit.NANOSECONDS, new TargetFailure("InvalidAnswer"));
    }

    /** The breaker state of a target, e.g. {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}. */
    public String state(String function) {
        return breaker(function).getState().name();
    }

    private CircuitBreaker breaker(String function) {
        return byFunction.computeIfAbsent(function, create);
    }

    static boolean isFailure(DispatchOutcome outcome) {
        if (outcome instanceof DispatchOutcome.FunctionFailed) {
            return true;
        }
        if (outcome instanceof DispatchOutcome.Failed f) {
            return f.failure() != DispatchOutcome.Failure.PAYLOAD_TOO_LARGE;
        }
        return false;
    }

    /** What the breaker records as the error (no stack trace: it is never thrown). */
    private static final class TargetFailure extends RuntimeException {
        TargetFailure(String kind) {
            super(kind, null, false, false);
        }
    }
}
