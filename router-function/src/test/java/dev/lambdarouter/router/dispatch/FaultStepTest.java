package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.observability.InjectedFault;
import dev.lambdarouter.router.observability.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fault step alone, over a scripted rest of the chain, a virtual clock and a sleeper that only records. */
class FaultStepTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final FaultStep step = new FaultStep(
            d -> {
                sleeps.add(d);
                clock.addAndGet(d.toNanos());
            },
            clock::get);

    private static DispatchCall call(Duration timeout, String faultJson) {
        return Calls.faulted(Calls.call(timeout, RetryPolicy.DEFAULT, true), faultJson);
    }

    @Test
    void withoutAFaultTheCallGoesThroughUntouched() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true);
        DispatchResult result = step.dispatch(call, next);
        assertSame(OK, result.outcome());
        assertSame(call, next.calls.get(0));
        assertNull(result.injectedDelay());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void anAbortInvokesNothingAndIsAnsweredWithItsStatus() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = call(Duration.ofSeconds(5), "{\"abort\":{\"percent\":100,\"status\":429}}");
        DispatchResult result = step.dispatch(call, next);
        assertEquals(List.of(), next.calls, "no invoke");
        assertEquals(0, result.attempts());
        assertTrue(result.faultAborted());
        assertEquals(List.of(), sleeps);

        WorkerAnswer answer = new WorkerAnswers().answer(result, call);
        assertEquals(429, answer.problem().status());
        assertEquals("fault-injected", answer.problem().type());
        assertEquals(MetricNames.FAULT_ABORT, answer.failureKind());
        assertEquals(InjectedFault.ABORT, answer.fault());
        assertEquals(0, answer.attempts());
    }

    @Test
    void aDelayHoldsTheCallThenDispatchesItWithWhatIsLeftOfTheDeadline() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = call(Duration.ofSeconds(5), "{\"delay\":{\"percent\":100,\"ms\":200}}");
        DispatchResult result = step.dispatch(call, next);
        assertEquals(List.of(Duration.ofMillis(200)), sleeps);
        assertEquals(1, next.calls.size());
        assertEquals(Duration.ofMillis(4800), next.calls.get(0).timeout());
        assertSame(OK, result.outcome());
        assertEquals(Duration.ofMillis(200), result.injectedDelay());
        WorkerAnswer answer = new WorkerAnswers().answer(result, call);
        assertEquals(InjectedFault.DELAY, answer.fault());
        assertNull(answer.failureKind());
    }

    @Test
    void aDelayNeverOutlastsTheDeadline() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = call(Duration.ofMillis(700), "{\"delay\":{\"percent\":100,\"ms\":4000}}");
        DispatchResult result = step.dispatch(call, next);
        assertEquals(List.of(Duration.ofMillis(700)), sleeps, "held until the deadline, not for the full delay");
        assertEquals(List.of(), next.calls, "no invoke after the deadline");
        assertEquals(DispatchOutcome.Failure.TIMEOUT, ((DispatchOutcome.Failed) result.outcome()).failure());
        WorkerAnswer answer = new WorkerAnswers().answer(result, call);
        assertEquals(504, answer.problem().status());
        assertEquals(MetricNames.TIMEOUT, answer.failureKind());
        assertEquals(InjectedFault.DELAY, answer.fault());
    }

    @Test
    void bothMayApplyTheDelayFirst() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = call(
                Duration.ofSeconds(5),
                "{\"delay\":{\"percent\":100,\"ms\":50},\"abort\":{\"percent\":100,\"status\":503}}");
        DispatchResult result = step.dispatch(call, next);
        assertEquals(List.of(Duration.ofMillis(50)), sleeps);
        assertEquals(List.of(), next.calls);
        WorkerAnswer answer = new WorkerAnswers().answer(result, call);
        assertEquals(InjectedFault.DELAY_AND_ABORT, answer.fault());
        assertEquals(503, answer.problem().status());
    }

    /** 2,000 calls at 10 % each: 200 expected, sigma = sqrt(2000 * 0.1 * 0.9) = 13.4, so 200 +- 54 (4 sigma). */
    @Test
    void ratesFollowThePercentages() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = call(
                Duration.ofSeconds(5),
                "{\"delay\":{\"percent\":10,\"ms\":1},\"abort\":{\"percent\":10,\"status\":503}}");
        int aborted = 0;
        for (int i = 0; i < 2000; i++) {
            if (step.dispatch(call, next).faultAborted()) {
                aborted++;
            }
        }
        int delayed = sleeps.size();
        assertTrue(Math.abs(aborted - 200) <= 54, "aborted " + aborted);
        assertTrue(Math.abs(delayed - 200) <= 54, "delayed " + delayed);
        assertEquals(2000 - aborted, next.calls.size(), "every call not aborted is dispatched");
    }
}
