package dev.lambdarouter.router.resilience;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.dispatch.Invocation;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Lambda-aware retries around a {@link Dispatcher}, within one deadline:
 * <ul>
 *   <li>throttles ({@code TooManyRequestsException}) are retried after Lambda's {@code Retry-After} (or the
 *       backoff, whichever is longer) when that still fits before the deadline;</li>
 *   <li>function errors are retried only for idempotent methods, unless the route's policy says
 *       {@code always} or {@code never};</li>
 *   <li>Lambda 5xx and network errors are retried by the SDK's standard strategy (with its own retry quota) inside
 *       each attempt, so they are not retried again here; timeouts are not retried (the deadline is spent);</li>
 *   <li>an Event invoke that Lambda accepted is never re-sent;</li>
 *   <li>every retry spends from the target's {@link RetryBudget}; the circuit breaker sees every attempt.</li>
 * </ul>
 * Backoff is capped exponential with full jitter.
 */
public final class ResilientDispatcher {

    /** Sleeps between attempts (a seam for tests that must not wait). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What happened: the last outcome and how many invocations it took. */
    public record Result(DispatchOutcome outcome, int attempts) {}

    private final Dispatcher dispatcher;
    private final TargetCircuitBreakers breakers;
    private final RetryBudget budget;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;

    public ResilientDispatcher(
            Dispatcher dispatcher,
            TargetCircuitBreakers breakers,
            RetryBudget budget,
            Sleeper sleeper,
            LongSupplier nanoClock) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public Result dispatch(
            String target,
            DispatchMode mode,
            byte[] payload,
            Duration timeout,
            RetryPolicy policy,
            boolean idempotent,
            RandomGenerator random) {
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        budget.onFirstAttempt(target);
        int attempt = 0;
        while (true) {
            attempt++;
            long started = nanoClock.getAsLong();
            long remaining = deadline - started;
            if (remaining <= 0) {
                return new Result(
                        new DispatchOutcome.Failed(
                                DispatchOutcome.Failure.TIMEOUT, "deadline reached before the attempt", null),
                        attempt - 1);
            }
            if (!breakers.tryAcquire(target)) {
                return new Result(
                        new DispatchOutcome.Failed(
                                DispatchOutcome.Failure.CIRCUIT_OPEN,
                                "circuit breaker for '" + target + "' is open",
                                null),
                        attempt - 1);
            }
            DispatchOutcome outcome =
                    dispatcher.dispatch(new Invocation(target, mode, payload, Duration.ofNanos(remaining)));
            breakers.record(target, outcome, nanoClock.getAsLong() - started);

            if (attempt >= policy.maxAttempts() || !retryable(outcome, policy, idempotent)) {
                return new Result(outcome, attempt);
            }
            Duration delay = backoff(policy, attempt, random);
            if (outcome instanceof DispatchOutcome.Failed f
                    && f.retryAfter() != null
                    && f.retryAfter().compareTo(delay) > 0) {
                delay = f.retryAfter();
            }
            if (nanoClock.getAsLong() + delay.toNanos() >= deadline || !budget.tryRetry(target)) {
                return new Result(outcome, attempt);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(outcome, attempt);
            }
        }
    }

    static boolean retryable(DispatchOutcome outcome, RetryPolicy policy, boolean idempotent) {
        if (outcome instanceof DispatchOutcome.FunctionFailed) {
            return switch (policy.functionErrors()) {
                case ALWAYS -> true;
                case NEVER -> false;
                case IDEMPOTENT -> idempotent;
            };
        }
        return outcome instanceof DispatchOutcome.Failed f && f.failure() == DispatchOutcome.Failure.THROTTLED;
    }

    /** Capped exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
    static Duration backoff(RetryPolicy policy, int attempt, RandomGenerator random) {
        long base = policy.baseDelay().toNanos();
        long cap = policy.maxDelay().toNanos();
        long exp = attempt >= 31 ? cap : Math.min(cap, base << Math.min(30, attempt - 1));
        return Duration.ofNanos(exp <= 0 ? 0 : (long) (random.nextDouble() * exp));
    }
}
