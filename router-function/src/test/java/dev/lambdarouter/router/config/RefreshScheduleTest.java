package dev.lambdarouter.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delay before the next check of the store: TTL plus a jitter of at most min(configured jitter, TTL / 2). */
class RefreshScheduleTest {

    private static final double ALMOST_ONE = Math.nextDown(1.0);

    private static Duration delay(int ttlSeconds, int jitterSeconds, double fraction) {
        return Duration.ofNanos(new RefreshSchedule(Duration.ofSeconds(ttlSeconds), Duration.ofSeconds(jitterSeconds))
                .delayNanos(fraction));
    }

    @Test
    void aShortTtlGetsAProportionalJitter() {
        // The README's tour: TTL 2 s with the default 10 s jitter. An edit shows within 3 s, not 12 s.
        assertEquals(Duration.ofSeconds(2), delay(2, 10, 0.0));
        assertEquals(Duration.ofSeconds(3), delay(2, 10, 1.0));
        assertEquals(
                Duration.ofMillis(2999), delay(2, 10, ALMOST_ONE).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertEquals(
                Duration.ofSeconds(1), new RefreshSchedule(Duration.ofSeconds(2), Duration.ofSeconds(10)).maxJitter());
    }

    @Test
    void theDefaultsKeepTheirTenSecondsOfJitter() {
        assertEquals(Duration.ofSeconds(30), delay(30, 10, 0.0));
        assertEquals(Duration.ofSeconds(35), delay(30, 10, 0.5));
        assertEquals(Duration.ofSeconds(40), delay(30, 10, 1.0));
    }

    @Test
    void theConfiguredJitterCapsALongTtl() {
        assertEquals(Duration.ofSeconds(130), delay(120, 10, 1.0));
        assertEquals(Duration.ofMinutes(2), delay(120, 0, 1.0));
    }

    @Test
    void aZeroTtlHasNoJitter() {
        assertEquals(Duration.ZERO, delay(0, 10, 1.0));
    }

    @Test
    void fractionsOutsideTheUnitIntervalAreClamped() {
        assertEquals(Duration.ofSeconds(2), delay(2, 10, -5));
        assertEquals(Duration.ofSeconds(3), delay(2, 10, 7));
        assertEquals(Duration.ofSeconds(2), delay(2, 10, Double.NaN));
    }
}
