package dev.lambdarouter.router.resilience;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.InvalidWorkerResponseException;
import dev.lambdarouter.router.alb.WorkerResponseReader;
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
 *   <li>a worker's synchronous answer is read and checked before anything else sees the attempt: an answer the ALB
 *       would reject is a failure for the circuit breaker, and is not retried (the worker ran, its side effects
 *       happened, and the same request almost always gets the same malformed answer);</li>
 *   <li>throttles ({@code TooManyRequestsException}) are retried after Lambda's {@code Retry-After} (or the
 *       backoff, whichever is longer) when that still fits before the deadline;</li>
 *   <li>function errors are retried only for idempotent methods, unless the route's policy says
 *       {@code always} or {@code never};</li>
 *   <li>Lambda 5xx and network errors are retried by the SDK's standard strategy (with its own retry quota) inside
 *       each attempt, so they are not retried again here; timeouts are not retried (the deadline is spent);</li>
 *   <li>an Event invoke that Lambda accepted is never re-sent;</li>
 *   <li>every retry spends from the target's {@link RetryBudget}; the circuit breaker sees every attempt.</li>
 * </ul>
 * Backoff is capped exponential with full jitter. A retry that the circuit breaker, the budget or the deadline
 * refuses leaves the result of the last attempt made: {@code CIRCUIT_OPEN} (or a deadline {@code TIMEOUT}) is the
 * result only when no attempt was made at all.
 */
public final class ResilientDispatcher {

    /** Sleeps between attempts (a seam for tests that must not wait). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * What the last attempt made came to, and how many invocations were made.
     *
     * @param outcome   what Lambda answered on the last attempt (or why no attempt was made, with 0 attempts)
     * @param response  the worker's answer, read and checked, when {@code outcome} is
     *                  {@link DispatchOutcome.Responded} and the ALB would accept it; otherwise null
     * @param rejection why the ALB would reject the worker's answer, when {@code outcome} is
     *                  {@link DispatchOutcome.Responded} and it would; otherwise null
     * @param attempts  invocations made
     */
    public record Result(DispatchOutcome outcome, AlbResponse response, String rejection, int attempts) {}

    private final Dispatcher dispatcher;
    private final TargetCircuitBreakers breakers;
    private final RetryBudget budget;
    private final WorkerResponseReader answers;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;

    public ResilientDispatcher(
            Dispatcher dispatcher,
            TargetCircuitBreakers breakers,
            RetryBudget budget,
            WorkerResponseReader answers,
            Sleeper sleeper,
            LongSupplier nanoClock) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.answers = Objects.requireNonNull(answers, "answers");
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
        Result last = null;
        while (true) {
            long started = nanoClock.getAsLong();
            long remaining = deadline - started;
            if (remaining <= 0) {
                return last != null ? last : noAttempt(DispatchOutcome.Failure.TIMEOUT, "deadline reached");
            }
            if (!breakers.tryAcquire(target)) {
                return last != null
                        ? last
                        : noAttempt(
                                DispatchOutcome.Failure.CIRCUIT_OPEN, "circuit breaker for '" + target + "' is open");
            }
            int attempt = last == null ? 1 : last.attempts() + 1;
            last = attempt(new Invocation(target, mode, payload, Duration.ofNanos(remaining)), attempt, started);

            if (attempt >= policy.maxAttempts() || !retryable(last.outcome(), policy, idempotent)) {
                return last;
            }
            Duration delay = backoff(policy, attempt, random);
            if (last.outcome() instanceof DispatchOutcome.Failed f
                    && f.retryAfter() != null
                    && f.retryAfter().compareTo(delay) > 0) {
                delay = f.retryAfter();
            }
            // The breaker is asked before the budget, so that a retry it refuses spends no retry token.
            if (nanoClock.getAsLong() + delay.toNanos() >= deadline
                    || !breakers.isAvailable(target)
                    || !budget.tryRetry(target)) {
                return last;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }

    /** One invocation, its answer read and checked, its outcome recorded by the target's breaker. */
    private Result attempt(Invocation invocation, int attempt, long started) {
        DispatchOutcome outcome = dispatcher.dispatch(invocation);
        Result result = read(outcome, attempt);
        long elapsed = nanoClock.getAsLong() - started;
        if (result.rejection() != null) {
            breakers.recordInvalidAnswer(invocation.functionName(), elapsed);
        } else {
            breakers.record(invocation.functionName(), outcome, elapsed);
        }
        return result;
    }

    private Result read(DispatchOutcome outcome, int attempt) {
        if (outcome instanceof DispatchOutcome.Responded r) {
            try {
                return new Result(outcome, answers.read(r.payload()), null, attempt);
            } catch (InvalidWorkerResponseException e) {
                return new Result(outcome, null, e.getMessage(), attempt);
            }
        }
        return new Result(outcome, null, null, attempt);
    }

    private static Result noAttempt(DispatchOutcome.Failure failure, String detail) {
        return new Result(new DispatchOutcome.Failed(failure, detail, null), null, null, 0);
    }

    /** Throttles, and function errors as the policy says. A worker's answer, valid or not, is never retried. */
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
