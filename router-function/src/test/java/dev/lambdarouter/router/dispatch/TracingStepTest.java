package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.observability.DispatchTracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The tracing step alone: one span around the rest of the chain, annotated with route, target and mode. */
class TracingStepTest {

    @Test
    void theRestOfTheChainRunsInsideOneAnnotatedSpan() {
        List<String> spans = new ArrayList<>();
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchTracer tracer = new DispatchTracer() {
            @Override
            public <T> T traceDispatch(String route, String target, String mode, Supplier<T> dispatch) {
                spans.add(route + " " + target + " " + mode + " begin");
                T result = dispatch.get();
                spans.add("end after " + next.calls.size() + " call");
                return result;
            }
        };
        DispatchResult r =
                new TracingStep(tracer).dispatch(Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true), next);
        assertSame(OK, r.outcome());
        assertEquals(List.of("r fn sync begin", "end after 1 call"), spans);
    }
}
