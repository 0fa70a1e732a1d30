package dev.lambdarouter.router.dispatch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Caps retries at a fraction of first attempts, per target, so that a failing worker is not hit with a storm of
 * retries. Each first attempt deposits {@code ratio} of a token (up to {@code maxTokens}); each retry spends one.
 * With ratio 0.1, at most about 10 % extra invocations go to a target over time, plus a small burst allowance.
 */
public final class RetryBudget {

    private final double ratio;
    private final double maxTokens;
    private final ConcurrentMap<String, double[]> tokens = new ConcurrentHashMap<>();

    public RetryBudget(double ratio, double maxTokens) {
        if (ratio < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("ratio and maxTokens must be >= 0");
        }
        this.ratio = ratio;
        this.maxTokens = maxTokens;
    }

    /** 10 % of first attempts, with a burst of 10 retries. */
    public static RetryBudget withDefaults() {
        return new RetryBudget(0.1, 10);
    }

    /** Called for every first attempt to {@code target}. */
    public void onFirstAttempt(String target) {
        double[] t = tokens.computeIfAbsent(target, k -> new double[] {maxTokens});
        synchronized (t) {
            t[0] = Math.min(maxTokens, t[0] + ratio);
        }
    }

    /** Takes one retry token; false when the budget for {@code target} is spent. */
    public boolean tryRetry(String target) {
        double[] t = tokens.computeIfAbsent(target, k -> new double[] {maxTokens});
        synchronized (t) {
            if (t[0] >= 1) {
                t[0] -= 1;
                return true;
            }
            return false;
        }
    }
}
