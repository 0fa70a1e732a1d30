package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.FUNCTION_ERROR;
import static dev.lambdarouter.router.dispatch.Calls.OK;
import static dev.lambdarouter.router.dispatch.Calls.THROTTLED_2S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The retry step alone, over a scripted rest of the chain and a virtual clock. */
class RetryStepTest {

    private static final RetryPolicy ALWAYS_3 =
            new RetryPolicy(3, RetryPolicy.FunctionErrorRetry.ALWAYS, Duration.ofMillis(1), Duration.ofMillis(1));

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();

    private RetryStep retry(RetryBudget budget) {
        return new RetryStep(
                budget,
                d -> {
                    sleeps.add(d);
                    clock.addAndGet(d.toNanos());
                },
                clock::get);
    }

    @Test
    void attemptsAreCountedAcrossRetriesAndEachGetsWhatIsLeftOfTheDeadline() {
        Calls.Scripted next = Calls.Scripted.invoked(THROTTLED_2S, OK);
        DispatchResult r = retry(RetryBudget.withDefaults())
                .dispatch(Calls.call(Duration.ofSeconds(10), RetryPolicy.DEFAULT, true), next);
        assertSame(OK, r.outcome());
        assertEquals(2, r.attempts());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
        assertEquals(Duration.ofSeconds(10), next.calls.get(0).timeout());
        assertEquals(Duration.ofSeconds(8), next.calls.get(1).timeout());
    }

    @Test
    void aRetryTheRestOfTheChainDoesNotAdmitIsNotWaitedForNorPaidFor() {
        Calls.Scripted next = Calls.Scripted.invoked(FUNCTION_ERROR, OK);
        next.admits = false;
        RetryBudget oneToken = new RetryBudget(0, 1);
        DispatchResult r = retry(oneToken).dispatch(Calls.call(Duration.ofSeconds(10), ALWAYS_3, true), next);
        assertSame(FUNCTION_ERROR, r.outcome(), "the attempt made is the result");
        assertEquals(1, r.attempts());
        assertEquals(List.of(), sleeps);
        assertTrue(oneToken.tryRetry("fn"), "the token was not spent");
    }

    @Test
    void aRefusalBeforeAnyAttemptIsTheResult() {
        DispatchResult refused = DispatchResult.notAttempted(DispatchOutcome.Failure.CIRCUIT_OPEN, "open");
        DispatchResult r = retry(RetryBudget.withDefaults())
                .dispatch(Calls.call(Duration.ofSeconds(10), ALWAYS_3, true), new Calls.Scripted(refused));
        assertSame(refused, r);
    }

    @Test
    void aRefusalAfterAnAttemptLeavesThatAttemptsResult() {
        DispatchResult refused = DispatchResult.notAttempted(DispatchOutcome.Failure.CIRCUIT_OPEN, "open");
        Calls.Scripted next = new Calls.Scripted(DispatchResult.invoked(FUNCTION_ERROR), refused);
        DispatchResult r =
                retry(RetryBudget.withDefaults()).dispatch(Calls.call(Duration.ofSeconds(10), ALWAYS_3, true), next);
        assertSame(FUNCTION_ERROR, r.outcome());
        assertEquals(1, r.attempts());
    }

    @Test
    void noTimeLeftIsATimeoutWithoutAnAttempt() {
        Calls.Scripted next = Calls.Scripted.invoked(OK);
        DispatchResult r =
                retry(RetryBudget.withDefaults()).dispatch(Calls.call(Duration.ZERO, RetryPolicy.DEFAULT, true), next);
        assertEquals(0, r.attempts());
        assertEquals(DispatchOutcome.Failure.TIMEOUT, ((DispatchOutcome.Failed) r.outcome()).failure());
        assertEquals(0, next.calls.size());
    }

    @Test
    void aRetryThatWouldStartPastTheDeadlineIsNotMade() {
        Calls.Scripted slow = new Calls.Scripted(DispatchResult.invoked(THROTTLED_2S)) {
            @Override
            public DispatchResult proceed(DispatchCall call) {
                clock.addAndGet(Duration.ofMillis(500).toNanos());
                return super.proceed(call);
            }
        };
        DispatchResult r = retry(RetryBudget.withDefaults())
                .dispatch(Calls.call(Duration.ofSeconds(2), RetryPolicy.DEFAULT, true), slow);
        assertSame(THROTTLED_2S, r.outcome(), "Retry-After 2 s does not fit in the 1.5 s left");
        assertEquals(1, slow.calls.size());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void functionErrorsAreRetriedAsThePolicyAndTheMethodSay() {
        DispatchResult failed = DispatchResult.invoked(FUNCTION_ERROR);
        assertTrue(RetryStep.retryable(failed, RetryPolicy.DEFAULT, true));
        assertEquals(false, RetryStep.retryable(failed, RetryPolicy.DEFAULT, false));
        assertTrue(RetryStep.retryable(failed, ALWAYS_3, false));
        RetryPolicy never =
                new RetryPolicy(3, RetryPolicy.FunctionErrorRetry.NEVER, Duration.ofMillis(1), Duration.ofMillis(1));
        assertEquals(false, RetryStep.retryable(failed, never, true));
        assertTrue(RetryStep.retryable(DispatchResult.invoked(THROTTLED_2S), never, false));
        assertEquals(false, RetryStep.retryable(DispatchResult.invoked(OK), ALWAYS_3, true));
        assertEquals(
                false, RetryStep.retryable(DispatchResult.invoked(new DispatchOutcome.Accepted("id")), ALWAYS_3, true));
    }

    @Test
    void backoffIsCappedExponentialWithJitter() {
        RetryPolicy policy = new RetryPolicy(
                5, RetryPolicy.FunctionErrorRetry.ALWAYS, Duration.ofMillis(100), Duration.ofMillis(300));
        SplittableRandom random = new SplittableRandom(3);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = Math.min(300, 100L << (attempt - 1));
            for (int i = 0; i < 100; i++) {
                long ms = RetryStep.backoff(policy, attempt, random).toMillis();
                assertTrue(ms >= 0 && ms <= ceiling, attempt + ": " + ms);
            }
        }
    }
}
