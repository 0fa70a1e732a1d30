package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.observability.RequestOutcome;
import dev.lambdarouter.router.observability.RouterMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mirror step alone: a sampled copy leaves with the shadow's own event, is finished, and changes nothing. */
class MirrorStepTest {

    private final List<Invocation> copies = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final RouterMetrics metrics = new RouterMetrics() {
        @Override
        public void requestCompleted(RequestOutcome outcome, String failureKind) {}

        @Override
        public void mirrorCopyDropped() {
            dropped.incrementAndGet();
        }

        @Override
        public void configEvent(String name) {}
    };
    private TrafficMirror mirror;

    @AfterEach
    void close() {
        mirror.close();
    }

    private MirrorStep step(DispatchOutcome shadowAnswer) {
        mirror = new TrafficMirror(
                invocation -> {
                    copies.add(invocation);
                    return shadowAnswer;
                },
                Duration.ofMinutes(1));
        return new MirrorStep(mirror, metrics);
    }

    @Test
    void aSampledRequestIsCopiedToTheShadowBeforeTheResultReturns() {
        MirrorStep step = step(new DispatchOutcome.Accepted("copy"));
        DispatchResult main = DispatchResult.invoked(OK);
        assertSame(main, step.dispatch(Calls.mirrored(100), new Calls.Scripted(main)));
        assertEquals(1, copies.size(), "the copy was finished before the step returned");
        assertEquals("shadow", copies.get(0).functionName());
        assertEquals(DispatchMode.ASYNC, copies.get(0).mode());
        assertEquals("shadow event for shadow", new String(copies.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(1, mirror.sent());
        assertEquals(0, dropped.get());
    }

    @Test
    void aCopyThatDoesNotLeaveIsCounted() {
        MirrorStep step = step(new DispatchOutcome.Failed(DispatchOutcome.Failure.THROTTLED, "busy", null));
        step.dispatch(Calls.mirrored(100), Calls.Scripted.invoked(OK));
        assertEquals(1, dropped.get());
    }

    @Test
    void noMirrorOrAnUnsampledRequestSendsNoCopy() {
        MirrorStep step = step(new DispatchOutcome.Accepted("copy"));
        step.dispatch(Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true), Calls.Scripted.invoked(OK));
        step.dispatch(Calls.mirrored(0), Calls.Scripted.invoked(OK));
        assertEquals(List.of(), copies);
        assertEquals(0, dropped.get());
    }
}
