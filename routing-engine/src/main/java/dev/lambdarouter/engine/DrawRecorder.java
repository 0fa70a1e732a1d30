package dev.lambdarouter.engine;

import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * A random generator that passes every call through to the caller's generator unchanged (so a decision made with it
 * is the decision the router makes with that generator) and remembers the last bounded {@code long} drawn: the
 * weighted-random pick's draw, which {@link RoutingExplanation} reports.
 */
final class DrawRecorder implements RandomGenerator {
    private final RandomGenerator source;
    private OptionalLong lastDraw = OptionalLong.empty();

    DrawRecorder(RandomGenerator source) {
        this.source = source;
    }

    OptionalLong lastDraw() {
        return lastDraw;
    }

    @Override
    public long nextLong(long bound) {
        long value = source.nextLong(bound);
        lastDraw = OptionalLong.of(value);
        return value;
    }

    @Override
    public long nextLong() {
        return source.nextLong();
    }

    @Override
    public long nextLong(long origin, long bound) {
        return source.nextLong(origin, bound);
    }

    @Override
    public int nextInt() {
        return source.nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return source.nextInt(bound);
    }

    @Override
    public int nextInt(int origin, int bound) {
        return source.nextInt(origin, bound);
    }

    @Override
    public double nextDouble() {
        return source.nextDouble();
    }

    @Override
    public boolean nextBoolean() {
        return source.nextBoolean();
    }
}
