package dev.lambdarouter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ids in the shapes X-Ray and OpenTelemetry take: a time-based 32-hex trace id, a non-zero 16-hex span id. */
class XRayIdGeneratorTest {

    private final XRayIdGenerator ids = new XRayIdGenerator();

    @Test
    void traceIdsStartWithTheCurrentEpochSecond() {
        String traceId = ids.generateTraceId();
        assertTrue(traceId.matches("[0-9a-f]{32}"), traceId);
        long seconds = Long.parseLong(traceId.substring(0, 8), 16);
        assertTrue(Math.abs(seconds - Instant.now().getEpochSecond()) < 600, traceId);
    }

    @Test
    void spanIdsAreSixteenHexDigitsAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String spanId = ids.generateSpanId();
            assertTrue(spanId.matches("[0-9a-f]{16}") && !spanId.equals("0000000000000000"), spanId);
            seen.add(spanId);
        }
        assertEquals(1_000, seen.size());
    }
}
