package dev.lambdarouter.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.security.SecureRandom;

/**
 * Trace ids X-Ray accepts: the first 8 hex digits are the epoch second the trace began (X-Ray drops a trace id whose
 * time is more than 30 days off), the other 24 random. Only a trace that starts here (no incoming
 * {@code X-Amzn-Trace-Id}) gets a new id.
 *
 * <p>The random bits come from {@link SecureRandom}, not {@code ThreadLocalRandom} (the SDK's default): every
 * execution environment restored from one SnapStart snapshot would otherwise draw the same span and trace ids.
 */
final class XRayIdGenerator implements IdGenerator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String generateSpanId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return String.format("%016x", id);
    }

    @Override
    public String generateTraceId() {
        long epochSeconds = System.currentTimeMillis() / 1000;
        return String.format("%08x%08x%016x", epochSeconds, random.nextInt(), random.nextLong());
    }
}
