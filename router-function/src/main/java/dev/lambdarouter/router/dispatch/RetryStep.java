package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.RetryPolicy;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Lambda-aware retries within one deadline (the call's timeout, which each attempt gets what is left of):
 * <ul>
 *   <li>throttles ({@code TooManyRequestsException}) are retried after Lambda's {@code Retry-After} (or the
 *       backoff, whichever is longer) when that still fits before the deadline;</li>
 *   <li>function errors are retried only for idempotent methods, unless the route's policy says
 *       {@code always} or {@code never};</li>
 *   <li>a worker's answer, valid or not, is never retried (the worker ran, its side effects happened, and the same
 *       request almost always gets the same malformed answer); an Event invoke that Lambda accepted is never
 *       re-sent; timeouts are not retried (the deadline is spent); Lambda 5xx and network errors are retried by the
 *       SDK's standard strategy inside each attempt, so not again here;</li>
 *   <li>every retry spends from the target's {@link RetryBudget}.</li>
 * </ul>
 * Backoff is capped exponential with full jitter. A retry that the steps below refuse (see {@link Chain#admits}),
 * the budget or the deadline refuses leaves the result of the last attempt made: a refusal ({@code CIRCUIT_OPEN},
 * or a deadline {@code TIMEOUT}) is the result only when no attempt was made at all.
 */
final class RetryStep implements DispatchStep {

    private final RetryBudget budget;
    private final DispatchPipeline.Sleeper sleeper;
    private final LongSupplier nanoClock;

    RetryStep(RetryBudget budget, DispatchPipeline.Sleeper sleeper, LongSupplier nanoClock) {
        this.budget = budget;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        String target = call.target();
        RetryPolicy policy = call.retryPolicy();
        long deadline = nanoClock.getAsLong() + call.timeout().toNanos();
        budget.onFirstAttempt(target);
        DispatchResult last = null;
        while (true) {
            long remaining = deadline - nanoClock.getAsLong();
            if (remaining <= 0) {
                return last != null
                        ? last
                        : DispatchResult.notAttempted(DispatchOutcome.Failure.TIMEOUT, "deadline reached");
            }
            DispatchResult result = next.proceed(call.withTimeout(Duration.ofNanos(remaining)));
            if (result.attempts() == 0) {
                return last != null ? last : result;
            }
            int attempts = (last == null ? 0 : last.attempts()) + result.attempts();
            last = result.withAttempts(attempts);
            if (attempts >= policy.maxAttempts() || !retryable(last, policy, call.idempotent())) {
                return last;
            }
            Duration delay = backoff(policy, attempts, call.random());
            if (last.outcome() instanceof DispatchOutcome.Failed f
                    && f.retryAfter() != null
                    && f.retryAfter().compareTo(delay) > 0) {
                delay = f.retryAfter();
            }
            // The steps below are asked before the budget, so that a retry they refuse spends no retry token.
            if (nanoClock.getAsLong() + delay.toNanos() >= deadline
                    || !next.admits(target)
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

    /** Throttles, and function errors as the policy says. A worker's answer, valid or not, is never retried. */
    static boolean retryable(DispatchResult result, RetryPolicy policy, boolean idempotent) {
        if (result.outcome() instanceof DispatchOutcome.FunctionFailed) {
            return switch (policy.functionErrors()) {
                case ALWAYS -> true;
                case NEVER -> false;
                case IDEMPOTENT -> idempotent;
            };
        }
        return result.outcome() instanceof DispatchOutcome.Failed f && f.failure() == DispatchOutcome.Failure.THROTTLED;
    }

    /** Capped exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
    static Duration backoff(RetryPolicy policy, int attempt, RandomGenerator random) {
        long base = policy.baseDelay().toNanos();
        long cap = policy.maxDelay().toNanos();
        long exp = attempt >= 31 ? cap : Math.min(cap, base << Math.min(30, attempt - 1));
        return Duration.ofNanos(exp <= 0 ? 0 : (long) (random.nextDouble() * exp));
    }
}
