package dev.lambdarouter.router.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lambdarouter.router.alb.AlbResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemAnswersTest {

    private final ProblemAnswers answers = new ProblemAnswers();

    @Test
    void aProblemIsProblemJsonWithItsStatus() {
        AlbResponse r = answers.answer(Problem.noRoute("GET", "/a\"b\\c"));
        assertEquals(404, r.status());
        assertEquals(List.of("content-type"), List.copyOf(r.headers().keySet()));
        assertEquals(List.of("application/problem+json"), r.headers().get("content-type"));
        assertEquals(
                "{\"type\":\"urn:lambda-router:problem:no-route\",\"title\":\"No route\",\"status\":404,"
                        + "\"detail\":\"No route matches GET /a\\\"b\\\\c.\"}",
                r.body());
        assertFalse(r.base64Encoded());
    }

    @Test
    void retryAfterIsSentInWholeSecondsRoundedUp() {
        AlbResponse r =
                answers.answer(Problem.unavailable("throttled", "Worker throttled", "Retry.", Duration.ofMillis(1500)));
        assertEquals(503, r.status());
        assertEquals(
                List.of("content-type", "retry-after"), List.copyOf(r.headers().keySet()));
        assertEquals(List.of("2"), r.headers().get("retry-after"));
    }
}
