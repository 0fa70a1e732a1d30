package dev.lambdarouter.router.config;

import java.time.Duration;

/**
 * How long a checked routing table is trusted: the TTL plus a random jitter, so that a fleet of routers does not
 * read Parameter Store in lock-step. The jitter is at most the configured jitter and at most half the TTL, so a
 * short TTL (2 s in the local tour) is not stretched to many times itself: an edit is seen within 1.5 TTL at most.
 */
final class RefreshSchedule {

    private final long ttlNanos;
    private final long maxJitterNanos;

    RefreshSchedule(Duration ttl, Duration configuredJitter) {
        this.ttlNanos = ttl.toNanos();
        this.maxJitterNanos = Math.min(configuredJitter.toNanos(), ttlNanos / 2);
    }

    /** The largest jitter added to the TTL: min(configured jitter, TTL / 2). */
    Duration maxJitter() {
        return Duration.ofNanos(maxJitterNanos);
    }

    /**
     * The delay until the next check.
     *
     * @param fraction uniform in [0, 1): the share of the maximum jitter to add (clamped to [0, 1])
     * @return between TTL and TTL + {@link #maxJitter()}
     */
    long delayNanos(double fraction) {
        double share = fraction > 0 ? Math.min(1, fraction) : 0;
        return ttlNanos + (long) (maxJitterNanos * share);
    }
}
