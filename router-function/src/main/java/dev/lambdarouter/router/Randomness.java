package dev.lambdarouter.router;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Randomness that is safe across SnapStart: {@link #reseed()} (called after every restore) draws fresh seeds from
 * a new {@link SecureRandom} (the OS entropy source), so that environments restored from one snapshot do not make
 * the same weighted picks or TTL jitter in lock-step. Nothing seeded before the snapshot is reused after it.
 *
 * <p>{@link #forRequests()} is used on the request thread only (one request at a time per environment);
 * {@link #jitterFraction()} may be called from any thread.
 */
public final class Randomness {

    private volatile SecureRandom seeds;
    private volatile SplittableRandom requests;

    public Randomness() {
        reseed();
    }

    private Randomness(long seed) {
        requests = new SplittableRandom(seed);
        seeds = new SecureRandom();
    }

    /**
     * Request randomness (weighted picks, mirror sampling, fault injection draws, backoff jitter) from {@code seed}:
     * the same decisions in every run, for tests and benchmarks. {@link #reseed()} replaces it with fresh seeds.
     */
    public static Randomness seeded(long seed) {
        return new Randomness(seed);
    }

    /** New seeds from the operating system. Call after a SnapStart restore. */
    public void reseed() {
        SecureRandom fresh = new SecureRandom();
        requests = new SplittableRandom(fresh.nextLong());
        seeds = fresh;
    }

    public RandomGenerator forRequests() {
        return requests;
    }

    /** Uniform in [0, 1). SecureRandom is thread-safe. */
    public double jitterFraction() {
        return seeds.nextDouble();
    }
}
