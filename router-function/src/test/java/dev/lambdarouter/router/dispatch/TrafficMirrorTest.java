package dev.lambdarouter.router.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.DispatchMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What becomes of a mirror copy by the time the router answers: sent, dropped or failed, and nothing left running. */
class TrafficMirrorTest {

    private static final byte[] PAYLOAD = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Duration NO_HURRY = Duration.ofMinutes(1);

    private final List<Invocation> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private TrafficMirror mirror;

    @AfterEach
    void close() {
        release.countDown();
        mirror.close();
    }

    /** A shadow that Lambda accepts at once. */
    private Dispatcher accepting() {
        return invocation -> {
            calls.add(invocation);
            return new DispatchOutcome.Accepted("id");
        };
    }

    /** A shadow that accepts only once the test releases it, and notes when its call is cancelled. */
    private Dispatcher blocked() {
        return invocation -> {
            calls.add(invocation);
            started.countDown();
            try {
                release.await();
                return new DispatchOutcome.Accepted("id");
            } catch (InterruptedException e) {
                interrupted.countDown();
                return new DispatchOutcome.Failed(DispatchOutcome.Failure.SERVICE_ERROR, "interrupted", null);
            }
        };
    }

    @Test
    void aCopyHasBeenAcceptedWhenFinishReturns() {
        mirror = new TrafficMirror(accepting(), NO_HURRY);
        assertTrue(mirror.send("shadow", PAYLOAD).finish());
        assertEquals(1, calls.size());
        assertEquals(DispatchMode.ASYNC, calls.get(0).mode());
        assertEquals("shadow", calls.get(0).functionName());
        assertEquals(NO_HURRY, calls.get(0).timeout(), "the Event invoke itself is bounded by the budget");
        assertEquals(1, mirror.sent());
        assertEquals(0, mirror.dropped());
    }

    @Test
    void aCopyNotAcceptedWithinTheBudgetIsDroppedAndCancelled() throws Exception {
        mirror = new TrafficMirror(blocked(), Duration.ofMillis(50));
        TrafficMirror.Copy copy = mirror.send("shadow", PAYLOAD);
        // Wait until the Event invoke is in flight (on a loaded machine the copy's thread may start late), so that
        // finishing must cancel a running call rather than one that never started.
        assertTrue(started.await(30, TimeUnit.SECONDS), "the copy's invoke started");
        assertFalse(copy.finish());
        assertEquals(1, mirror.dropped());
        assertEquals(0, mirror.sent());
        assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the copy still in flight was cancelled");
    }

    @Test
    void aCopyOverTheEventLimitIsDroppedWithoutACall() {
        mirror = new TrafficMirror(accepting(), NO_HURRY);
        assertFalse(mirror.send("shadow", new byte[PayloadLimits.ASYNC_REQUEST_BYTES + 1])
                .finish());
        assertEquals(1, mirror.dropped());
        assertEquals(List.of(), calls);
    }

    @Test
    void copiesBeyondTheInFlightLimitAreDroppedNotQueued() {
        mirror = new TrafficMirror(blocked(), NO_HURRY);
        List<TrafficMirror.Copy> inFlight = new ArrayList<>();
        for (int i = 0; i < TrafficMirror.MAX_IN_FLIGHT; i++) {
            inFlight.add(mirror.send("shadow", PAYLOAD));
        }
        assertFalse(mirror.send("shadow", PAYLOAD).finish(), "no copy waits for a later invocation");
        assertEquals(1, mirror.dropped());
        release.countDown();
        inFlight.forEach(TrafficMirror.Copy::finish);
        assertEquals(TrafficMirror.MAX_IN_FLIGHT, mirror.sent());
    }

    @Test
    void aCopyLambdaRefusesIsCountedAsFailed() {
        mirror = new TrafficMirror(
                invocation -> new DispatchOutcome.Failed(DispatchOutcome.Failure.THROTTLED, "rate exceeded", null),
                NO_HURRY);
        assertFalse(mirror.send("shadow", PAYLOAD).finish());
        assertEquals(1, mirror.failed());
        assertEquals(0, mirror.dropped());
    }
}
