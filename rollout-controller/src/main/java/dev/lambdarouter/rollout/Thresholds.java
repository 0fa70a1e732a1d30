package dev.lambdarouter.rollout;

/**
 * What a canary must stay within: its error rate, and its p99 latency in milliseconds ({@code maxP99Ms}) and/or as
 * a multiple of the baseline's ({@code maxLatencyRatio}); {@code null} means that latency check is off. Samples below
 * {@code minRequests} are not judged.
 */
public record Thresholds(double maxErrorRatePercent, Double maxP99Ms, Double maxLatencyRatio, long minRequests) {

    public Thresholds {
        if (!(maxErrorRatePercent >= 0 && maxErrorRatePercent <= 100)) {
            throw new IllegalArgumentException("maxErrorRatePercent is " + maxErrorRatePercent + "; allowed: 0 to 100");
        }
        if (maxP99Ms != null && !(maxP99Ms > 0)) {
            throw new IllegalArgumentException("maxP99Ms is " + maxP99Ms + "; allowed: a number above 0, or null");
        }
        if (maxLatencyRatio != null && !(maxLatencyRatio > 0)) {
            throw new IllegalArgumentException(
                    "maxLatencyRatio is " + maxLatencyRatio + "; allowed: a number above 0, or null");
        }
        if (minRequests < 0) {
            throw new IllegalArgumentException("minRequests is " + minRequests + "; allowed: 0 or more");
        }
    }
}
