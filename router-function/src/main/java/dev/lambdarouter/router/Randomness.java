package dev.lambdarouter.router;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Randomness that is safe across SnapStart: seeded from {@link SecureRandom} and re-seeded after every restore,
 * so that environments restored from one snapshot do not make the same weighted picks or jitter in lock-step.
 *
 * <p>{@link #forRequests()} is used on the request thread only (one request at a time per environment);
 * {@link #jitterFraction()} may be called from any thread.
 */
public final class Randomness {

    private final SecureRandom seeds = new SecureRandom();
    private volatile SplittableRandom requests;

    public Randomness() {
        reseed();
    }

    /** Call after a SnapStart restore. */
    public void reseed() {
        requests = new SplittableRandom(seeds.nextLong());
    }

    public RandomGenerator forRequests() {
        return requests;
    }

    public synchronized double jitterFraction() {
        return seeds.nextDouble();
    }
}
