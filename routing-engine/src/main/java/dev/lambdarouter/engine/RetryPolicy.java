package dev.lambdarouter.engine;

import java.time.Duration;

/**
 * How the router retries a route's invocations. Throttles are retried when Lambda's {@code Retry-After} fits in
 * the deadline; function errors as {@link #functionErrors()} says; Lambda service and network errors are left to
 * the SDK's own retries.
 *
 * @param maxAttempts    invocations in all, 1..5 (1 = no retry)
 * @param functionErrors when a worker's function error is retried
 * @param baseDelay      first backoff ceiling (capped exponential backoff with full jitter)
 * @param maxDelay       backoff cap
 */
public record RetryPolicy(int maxAttempts, FunctionErrorRetry functionErrors, Duration baseDelay, Duration maxDelay) {

    /** Two attempts, function errors retried for idempotent methods, 50 ms .. 1 s backoff. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(2, FunctionErrorRetry.IDEMPOTENT, Duration.ofMillis(50), Duration.ofSeconds(1));

    /** When a worker's function error ({@code X-Amz-Function-Error}) may be retried. */
    public enum FunctionErrorRetry {
        /** Only for GET, HEAD, OPTIONS, PUT and DELETE. */
        IDEMPOTENT,
        /** For every method: the worker is known to be idempotent. */
        ALWAYS,
        /** Never. */
        NEVER
    }
}
