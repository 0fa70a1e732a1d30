package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.observability.RouterTracer.DispatchSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The tracing step alone: the rest of the chain inside the call's span, which ends with attempts and outcome. */
class TracingStepTest {

    private final List<String> spans = new ArrayList<>();

    /** Records what happens to the span, and the calls made by then. */
    private DispatchSpan recording(Calls.Scripted next) {
        return new DispatchSpan() {
            @Override
            public String traceHeader() {
                return "Root=1-5f0c1a2b-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
            }

            @Override
            public <T> T run(Supplier<T> dispatch) {
                spans.add("current");
                T result = dispatch.get();
                spans.add("not current after " + next.calls.size() + " call");
                return result;
            }

            @Override
            public void end(int attempts, String outcome) {
                spans.add("end: " + attempts + " attempt, " + outcome);
            }

            @Override
            public void failed(RuntimeException failure) {
                spans.add("failed: " + failure.getMessage());
            }
        };
    }

    @Test
    void theRestOfTheChainRunsInsideTheSpanWhichEndsWithAttemptsAndOutcome() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true);
        DispatchResult r = new TracingStep().dispatch(Calls.traced(call, recording(next)), next);
        assertSame(OK, r.outcome());
        assertEquals(List.of("current", "not current after 1 call", "end: 1 attempt, Responded"), spans);
    }

    @Test
    void aThrowingChainFailsTheSpan() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchCall call = Calls.traced(Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true), recording(next));
        assertThrows(
                IllegalStateException.class,
                () -> new TracingStep().dispatch(call, new DispatchStep.Chain() {
                    @Override
                    public DispatchResult proceed(DispatchCall c) {
                        throw new IllegalStateException("boom");
                    }

                    @Override
                    public boolean admits(String target) {
                        return true;
                    }
                }));
        assertEquals(List.of("current", "failed: boom"), spans);
    }

    @Test
    void outcomesAreNamedLikeTheMetrics() {
        assertEquals("Responded", TracingStep.outcome(DispatchResult.invoked(OK)));
        assertEquals("InvalidWorkerResponse", TracingStep.outcome(new DispatchResult(OK, null, "bad status", 1)));
        assertEquals(
                "WorkerFailed",
                TracingStep.outcome(
                        DispatchResult.invoked(new DispatchOutcome.FunctionFailed("Unhandled", new byte[0], "r"))));
        assertEquals("Accepted", TracingStep.outcome(DispatchResult.invoked(new DispatchOutcome.Accepted("r"))));
        assertEquals(
                "CircuitOpen",
                TracingStep.outcome(DispatchResult.notAttempted(DispatchOutcome.Failure.CIRCUIT_OPEN, "open")));
    }
}
