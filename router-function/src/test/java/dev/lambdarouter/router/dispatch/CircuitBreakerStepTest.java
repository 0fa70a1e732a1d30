package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.FUNCTION_ERROR;
import static dev.lambdarouter.router.dispatch.Calls.OK;
import static dev.lambdarouter.router.dispatch.Calls.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The circuit breaker step alone: what it lets through, and what it counts as a failure of the target. */
class CircuitBreakerStepTest {

    private final TargetCircuitBreakers breakers = new TargetCircuitBreakers(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(1)
            .minimumNumberOfCalls(1)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1))
            .build());
    private final CircuitBreakerStep step = new CircuitBreakerStep(breakers, System::nanoTime);
    private final DispatchCall call = Calls.call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true);

    private DispatchResult through(DispatchResult result) {
        return step.dispatch(call, new Calls.Scripted(result));
    }

    @Test
    void anOpenCircuitRefusesWithoutAnAttemptAndIsNotAdmitted() {
        assertTrue(step.admits("fn"));
        through(DispatchResult.invoked(FUNCTION_ERROR));
        assertEquals("OPEN", breakers.state("fn"));
        assertFalse(step.admits("fn"));
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchResult r = step.dispatch(call, next);
        assertEquals(0, r.attempts());
        assertEquals(DispatchOutcome.Failure.CIRCUIT_OPEN, ((DispatchOutcome.Failed) r.outcome()).failure());
        assertEquals(0, next.calls.size(), "nothing was sent");
    }

    @Test
    void anAnswerTheAlbWouldRejectCountsAsAFailure() {
        DispatchResult rejected = new DispatchResult(OK, null, "the worker response has no integer statusCode", 1);
        assertSame(rejected, through(rejected));
        assertEquals("OPEN", breakers.state("fn"));
    }

    @Test
    void aValidAnswerIsASuccess() {
        through(DispatchResult.invoked(OK));
        assertEquals("CLOSED", breakers.state("fn"));
    }

    @Test
    void aPayloadTheClientMadeTooLargeSaysNothingAboutTheTarget() {
        through(DispatchResult.invoked(TOO_LARGE));
        assertEquals("CLOSED", breakers.state("fn"));
        assertTrue(step.admits("fn"));
    }

    @Test
    void theFailurePredicatesCoverEveryOutcome() {
        assertTrue(CircuitBreakerStep.FAILURE.test(DispatchResult.invoked(FUNCTION_ERROR)));
        assertTrue(CircuitBreakerStep.FAILURE.test(DispatchResult.invoked(Calls.THROTTLED_2S)));
        assertTrue(CircuitBreakerStep.FAILURE.test(
                DispatchResult.invoked(new DispatchOutcome.Failed(DispatchOutcome.Failure.TIMEOUT, "t", null))));
        assertFalse(CircuitBreakerStep.FAILURE.test(DispatchResult.invoked(TOO_LARGE)));
        assertTrue(CircuitBreakerStep.IGNORED.test(DispatchResult.invoked(TOO_LARGE)));
        assertFalse(CircuitBreakerStep.FAILURE.test(DispatchResult.invoked(OK)));
        assertFalse(CircuitBreakerStep.FAILURE.test(DispatchResult.invoked(new DispatchOutcome.Accepted("id"))));
    }
}
