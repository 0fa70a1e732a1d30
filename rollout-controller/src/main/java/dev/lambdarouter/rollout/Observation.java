package dev.lambdarouter.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the router's metrics say about the current step's window {@code [windowStart, windowEnd)}: the canary's
 * requests, 5xx answers and p99 latency, and each baseline target's requests and p99.
 */
public record Observation(
        Instant windowStart, Instant windowEnd, long requests, long errors, Double p99Ms, List<TargetSample> baseline) {

    public Observation {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        baseline = List.copyOf(baseline);
    }

    /** 5xx answers per 100 canary requests; {@code null} without requests. */
    public Double errorRatePercent() {
        return requests == 0 ? null : errors * 100.0 / requests;
    }

    public long baselineRequests() {
        return baseline.stream().mapToLong(TargetSample::requests).sum();
    }

    /**
     * The highest p99 among the baseline targets that served at least {@code minRequests} (a lightly used target's
     * p99 says little); {@code null} when none did.
     */
    public Double baselineP99Ms(long minRequests) {
        Double highest = null;
        for (TargetSample sample : baseline) {
            if (sample.requests() >= minRequests
                    && sample.p99Ms() != null
                    && (highest == null || sample.p99Ms() > highest)) {
                highest = sample.p99Ms();
            }
        }
        return highest;
    }
}
