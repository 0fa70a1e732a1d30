package dev.lambdarouter.router.dispatch;

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
 * <p>What counts as a failure is decided by the caller ({@link CircuitBreakerStep}).
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

    /** Records a call that {@link #tryAcquire} let through and that went well. */
    public void onSuccess(String function, long elapsedNanos) {
        breaker(function).onSuccess(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /** Records a call that {@link #tryAcquire} let through and that says the target is unhealthy. */
    public void onFailure(String function, String kind, long elapsedNanos) {
        breaker(function).onError(elapsedNanos, TimeUnit.NANOSECONDS, new TargetFailure(kind));
    }

    /** Hands back the permission of a call that says nothing about the target's health. */
    public void release(String function) {
        breaker(function).releasePermission();
    }

    /** The breaker state of a target, e.g. {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}. */
    public String state(String function) {
        return breaker(function).getState().name();
    }

    private CircuitBreaker breaker(String function) {
        return byFunction.computeIfAbsent(function, create);
    }

    /** What the breaker records as the error (no stack trace: it is never thrown). */
    private static final class TargetFailure extends RuntimeException {
        TargetFailure(String kind) {
            super(kind, null, false, false);
        }
    }
}
