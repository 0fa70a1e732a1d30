package dev.lambdarouter.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids X-Ray accepts: the first 8 hex digits are the epoch second the trace began (X-Ray drops a trace id
 * whose time is more than 30 days off), the other 24 random. Only a trace that starts here (no incoming
 * {@code X-Amzn-Trace-Id}) gets a new id; span ids are random, as the SDK's.
 */
final class XRayIdGenerator implements IdGenerator {

    @Override
    public String generateSpanId() {
        return IdGenerator.random().generateSpanId();
    }

    @Override
    public String generateTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long epochSeconds = System.currentTimeMillis() / 1000;
        return String.format("%08x%08x%016x", epochSeconds, random.nextInt(), random.nextLong());
    }
}
