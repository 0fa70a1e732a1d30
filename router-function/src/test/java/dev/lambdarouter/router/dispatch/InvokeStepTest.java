package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last step alone: one invocation with the call's target, mode, payload and (remaining) timeout. */
class InvokeStepTest {

    @Test
    void oneInvocationIsOneAttemptAndTheChainEndsHere() {
        List<Invocation> sent = new ArrayList<>();
        InvokeStep step = new InvokeStep(invocation -> {
            sent.add(invocation);
            return OK;
        });
        Calls.Scripted unreachable = new Calls.Scripted() {
            @Override
            public DispatchResult proceed(DispatchCall call) {
                throw new AssertionError("the invoke step must not proceed");
            }
        };
        DispatchResult r = step.dispatch(Calls.call(Duration.ofMillis(1500), RetryPolicy.DEFAULT, true), unreachable);
        assertSame(OK, r.outcome());
        assertEquals(1, r.attempts());
        assertEquals("fn", sent.get(0).functionName());
        assertEquals(DispatchMode.SYNC, sent.get(0).mode());
        assertEquals(Duration.ofMillis(1500), sent.get(0).timeout());
    }

    @Test
    void aPipelineWhoseLastStepProceedsFailsLoudly() {
        DispatchStep passOn = (call, next) -> next.proceed(call);
        assertThrows(
                IllegalStateException.class,
                () -> new DispatchPipeline.StepChain(List.of(passOn), 0)
                        .proceed(Calls.call(Duration.ofSeconds(1), RetryPolicy.DEFAULT, true)));
    }
}
