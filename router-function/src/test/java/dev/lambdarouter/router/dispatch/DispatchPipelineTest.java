package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.dispatch.Calls.FUNCTION_ERROR;
import static dev.lambdarouter.router.dispatch.Calls.INVALID_ANSWER;
import static dev.lambdarouter.router.dispatch.Calls.OK;
import static dev.lambdarouter.router.dispatch.Calls.THROTTLED_2S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.router.observability.RouterMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline as wired: retries, answer checks, deadlines, the breaker and the retry budget working together, on a
 * virtual clock (no real sleeping). Each step alone is tested in its own test.
 */
class DispatchPipelineTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Invocation> calls = new ArrayList<>();
    private final List<TrafficMirror> mirrors = new ArrayList<>();

    @AfterEach
    void closeMirrors() {
        mirrors.forEach(TrafficMirror::close);
    }

    private DispatchPipeline dispatcher(RetryBudget budget, DispatchOutcome... script) {
        // A breaker that never opens, so that these tests see retries only.
        TargetCircuitBreakers neverOpen = new TargetCircuitBreakers(
                CircuitBreakerConfig.custom().recordException(e -> false).build());
        return dispatcher(neverOpen, budget, script);
    }

    private DispatchPipeline dispatcher(TargetCircuitBreakers breakers, RetryBudget budget, DispatchOutcome... script) {
        Dispatcher scripted = invocation -> {
            calls.add(invocation);
            clock.addAndGet(Duration.ofMillis(10).toNanos());
            return script[Math.min(calls.size() - 1, script.length - 1)];
        };
        TrafficMirror mirror = new TrafficMirror(scripted, TrafficMirror.DEFAULT_BUDGET);
        mirrors.add(mirror);
        return new DispatchPipeline(
                scripted,
                breakers,
                budget,
                mirror,
                RouterMetrics.NONE,
                d -> {
                    sleeps.add(d);
                    clock.addAndGet(d.toNanos());
                },
                clock::get,
                new ObjectMapper());
    }

    private DispatchResult run(DispatchPipeline d, Duration timeout, RetryPolicy policy, boolean idempotent) {
        return d.result(Calls.call(timeout, policy, idempotent));
    }

    @Test
    void throttleIsRetriedAfterLambdasRetryAfterWhenItFits() {
        DispatchResult r = run(
                dispatcher(RetryBudget.withDefaults(), THROTTLED_2S, OK),
                Duration.ofSeconds(10),
                RetryPolicy.DEFAULT,
                false);
        assertInstanceOf(DispatchOutcome.Responded.class, r.outcome());
        assertEquals(2, r.attempts());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
        assertTrue(calls.get(1).timeout().compareTo(Duration.ofSeconds(8)) < 0, "the retry gets what is left");
    }

    @Test
    void throttleIsNotRetriedWhenRetryAfterPassesTheDeadline() {
        DispatchResult r = run(
                dispatcher(RetryBudget.withDefaults(), THROTTLED_2S, OK),
                Duration.ofSeconds(1),
                RetryPolicy.DEFAULT,
                false);
        assertEquals(THROTTLED_2S, r.outcome());
        assertEquals(1, r.attempts());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void functionErrorsFollowTheMethodAndThePolicy() {
        assertEquals(
                2,
                run(
                                dispatcher(RetryBudget.withDefaults(), FUNCTION_ERROR),
                                Duration.ofSeconds(5),
                                RetryPolicy.DEFAULT,
                                true)
                        .attempts());
        assertEquals(
                1,
                run(
                                dispatcher(RetryBudget.withDefaults(), FUNCTION_ERROR),
                                Duration.ofSeconds(5),
                                RetryPolicy.DEFAULT,
                                false)
                        .attempts());
        RetryPolicy never =
                new RetryPolicy(3, RetryPolicy.FunctionErrorRetry.NEVER, Duration.ofMillis(10), Duration.ofMillis(100));
        assertEquals(
                1,
                run(dispatcher(RetryBudget.withDefaults(), FUNCTION_ERROR), Duration.ofSeconds(5), never, true)
                        .attempts());
    }

    @Test
    void acceptedEventInvokesAndTimeoutsAreNeverRepeated() {
        DispatchOutcome accepted = new DispatchOutcome.Accepted("id");
        assertEquals(
                1,
                run(dispatcher(RetryBudget.withDefaults(), accepted), Duration.ofSeconds(5), RetryPolicy.DEFAULT, true)
                        .attempts());
        DispatchOutcome timeout = new DispatchOutcome.Failed(DispatchOutcome.Failure.TIMEOUT, "t", null);
        assertEquals(
                1,
                run(dispatcher(RetryBudget.withDefaults(), timeout), Duration.ofSeconds(5), RetryPolicy.DEFAULT, true)
                        .attempts());
    }

    @Test
    void theRetryBudgetCapsRetriesAtATenthOfTraffic() {
        RetryBudget budget = new RetryBudget(0.1, 10);
        RetryPolicy policy =
                new RetryPolicy(2, RetryPolicy.FunctionErrorRetry.ALWAYS, Duration.ofMillis(1), Duration.ofMillis(1));
        int requests = 1000;
        DispatchPipeline d = dispatcher(budget, FUNCTION_ERROR);
        for (int i = 0; i < requests; i++) {
            run(d, Duration.ofSeconds(5), policy, true);
        }
        int retries = calls.size() - requests;
        // burst of 10, then 0.1 per request: at most 10 + 100.
        assertTrue(retries <= 110 && retries >= 100, "retries: " + retries);
    }

    /** Breakers that open on the first failure. */
    private static TargetCircuitBreakers openOnFirstFailure() {
        return new TargetCircuitBreakers(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1))
                .build());
    }

    @Test
    void aThrottleWhoseRetryTheCircuitRefusesIsTheAnswerWithItsRetryAfter() {
        TargetCircuitBreakers breakers = openOnFirstFailure();
        DispatchResult r = run(
                dispatcher(breakers, RetryBudget.withDefaults(), THROTTLED_2S, OK),
                Duration.ofSeconds(10),
                RetryPolicy.DEFAULT,
                true);
        assertEquals("OPEN", breakers.state("fn"));
        assertEquals(THROTTLED_2S, r.outcome(), "the attempt made, not CIRCUIT_OPEN");
        assertEquals(1, r.attempts());
        assertEquals(List.of(), sleeps, "no waiting for a retry that cannot be made");
    }

    @Test
    void aFunctionErrorWhoseRetryTheCircuitRefusesIsTheAnswer() {
        DispatchResult r = run(
                dispatcher(openOnFirstFailure(), RetryBudget.withDefaults(), FUNCTION_ERROR, OK),
                Duration.ofSeconds(10),
                RetryPolicy.DEFAULT,
                true);
        assertEquals(FUNCTION_ERROR, r.outcome());
        assertEquals(1, r.attempts());
    }

    @Test
    void aRetryTheBudgetRefusesLeavesTheAnswerOfTheAttemptMade() {
        DispatchResult r = run(
                dispatcher(new RetryBudget(0, 0), THROTTLED_2S, OK), Duration.ofSeconds(10), RetryPolicy.DEFAULT, true);
        assertEquals(THROTTLED_2S, r.outcome());
        assertEquals(1, r.attempts());
        assertEquals(1, calls.size());
    }

    @Test
    void anOpenCircuitBeforeTheFirstAttemptIsCircuitOpen() {
        TargetCircuitBreakers breakers = openOnFirstFailure();
        run(
                dispatcher(breakers, RetryBudget.withDefaults(), FUNCTION_ERROR),
                Duration.ofSeconds(5),
                RetryPolicy.DEFAULT,
                false);
        calls.clear();
        DispatchResult r = run(
                dispatcher(breakers, RetryBudget.withDefaults(), OK),
                Duration.ofSeconds(5),
                RetryPolicy.DEFAULT,
                false);
        assertInstanceOf(DispatchOutcome.Failed.class, r.outcome());
        assertEquals(DispatchOutcome.Failure.CIRCUIT_OPEN, ((DispatchOutcome.Failed) r.outcome()).failure());
        assertEquals(0, r.attempts());
        assertEquals(List.of(), calls);
    }

    @Test
    void anAnswerTheAlbWouldRejectIsAFailureForTheBreakerAndIsNotRetried() {
        TargetCircuitBreakers breakers = openOnFirstFailure();
        RetryPolicy always =
                new RetryPolicy(3, RetryPolicy.FunctionErrorRetry.ALWAYS, Duration.ofMillis(1), Duration.ofMillis(1));
        DispatchResult r = run(
                dispatcher(breakers, RetryBudget.withDefaults(), INVALID_ANSWER, OK),
                Duration.ofSeconds(5),
                always,
                true);
        assertEquals(INVALID_ANSWER, r.outcome());
        assertEquals(null, r.response());
        assertEquals("the worker response has no integer statusCode", r.rejection());
        assertEquals(1, r.attempts(), "not retried");
        assertEquals("OPEN", breakers.state("fn"));
    }

    @Test
    void aValidAnswerIsReadOnceAndIsASuccessForTheBreaker() {
        TargetCircuitBreakers breakers = openOnFirstFailure();
        DispatchResult r = run(
                dispatcher(breakers, RetryBudget.withDefaults(), OK), Duration.ofSeconds(5), RetryPolicy.DEFAULT, true);
        assertEquals(200, r.response().status());
        assertEquals(null, r.rejection());
        assertEquals("CLOSED", breakers.state("fn"));
    }
}
