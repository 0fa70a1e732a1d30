package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.INVALID_ANSWER;
import static dev.lambdarouter.router.dispatch.Calls.OK;
import static dev.lambdarouter.router.dispatch.Calls.THROTTLED_2S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.JsonFactory;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.alb.WorkerResponseReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The answer check alone: a worker's sync answer is read once, and an invalid one is marked with why. */
class AnswerCheckStepTest {

    private final AnswerCheckStep step = new AnswerCheckStep(new WorkerResponseReader(new JsonFactory()));
    private final DispatchCall call = Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true);

    @Test
    void aValidAnswerIsReadIntoTheResponse() {
        DispatchResult r = step.dispatch(call, Calls.Scripted.invoked(OK));
        assertSame(OK, r.outcome());
        assertEquals(200, r.response().status());
        assertNull(r.rejection());
        assertEquals(1, r.attempts());
    }

    @Test
    void anInvalidAnswerCarriesItsRejection() {
        DispatchResult r = step.dispatch(call, Calls.Scripted.invoked(INVALID_ANSWER));
        assertSame(INVALID_ANSWER, r.outcome());
        assertNull(r.response());
        assertEquals("the worker response has no integer statusCode", r.rejection());
    }

    @Test
    void anythingButAnAnswerPassesUnchanged() {
        DispatchResult throttled = DispatchResult.invoked(THROTTLED_2S);
        assertSame(throttled, step.dispatch(call, new Calls.Scripted(throttled)));
    }
}
