package dev.lambdarouter.router.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fuzz tests' oracle must reject every kind of broken answer, or the fuzzers could not find anything. */
class AlbAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAWellFormedAnswerInEitherHeaderMode() {
        AlbAnswer single = AlbAnswer.check(bytes("""
                {"statusCode":201,"statusDescription":"201 Created","headers":{"content-type":"text/plain"},
                 "body":"hi","isBase64Encoded":false}"""), false);
        assertEquals(201, single.status());
        assertEquals("text/plain", single.header("content-type"));
        AlbAnswer multi = AlbAnswer.check(bytes("""
                {"statusCode":200,"multiValueHeaders":{"set-cookie":["a=1","b=2"]},"body":"aGk=",
                 "isBase64Encoded":true}"""), true);
        assertEquals("b=2", multi.header("set-cookie"));
        assertTrue(multi.base64Encoded());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{\"statusCode\":200,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false} {}",
                "{\"statusCode\":\"200\",\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":99,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{},\"multiValueHeaders\":{},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"multiValueHeaders\":{},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{\"bad name\":\"v\"},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{\"x\":\"a\\r\\nb\"},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{\"x\":\"a\\u0000\"},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{\"x\":1},\"body\":\"\",\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{},\"body\":1,\"isBase64Encoded\":false}",
                "{\"statusCode\":200,\"headers\":{},\"body\":\"!\",\"isBase64Encoded\":true}",
                "{\"statusCode\":200,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":\"false\"}",
                "{\"statusCode\":200,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false,\"extra\":1}"
            })
    void rejectsAnAnswerTheAlbWouldNotAccept(String answer) {
        assertThrows(AssertionError.class, () -> AlbAnswer.check(bytes(answer), false));
    }

    @Test
    void rejectsTheMultiValueModeWhenTheEventUsedSingleValues() {
        assertThrows(
                AssertionError.class,
                () -> AlbAnswer.check(
                        bytes("{\"statusCode\":200,\"multiValueHeaders\":{},\"body\":\"\",\"isBase64Encoded\":false}"),
                        false));
    }

    @Test
    void acceptsARouterProblemAndReturnsItsType() {
        AlbAnswer answer = AlbAnswer.check(bytes(problem(400, "bad-request", "The path is bad.")), false);
        assertEquals("bad-request", answer.requireRouterProblem());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.lang.IllegalStateException: boom",
                "failed\n\tat dev.lambdarouter.router.RequestRouter.route(RequestRouter.java:1)",
                "see java.util.Base64"
            })
    void rejectsAProblemThatLeaksInternals(String detail) {
        AlbAnswer answer = AlbAnswer.check(bytes(problem(502, "invalid-worker-response", detail)), false);
        assertThrows(AssertionError.class, answer::requireRouterProblem);
    }

    @Test
    void rejectsTheInternalErrorProblem() {
        AlbAnswer answer = AlbAnswer.check(bytes(problem(500, "internal", "It has been logged.")), false);
        assertThrows(AssertionError.class, answer::requireRouterProblem);
    }

    @Test
    void rejectsAnErrorThatIsNotAProblemDocument() {
        AlbAnswer answer = AlbAnswer.check(
                bytes("{\"statusCode\":404,\"headers\":{\"content-type\":\"text/html\"},"
                        + "\"body\":\"\",\"isBase64Encoded\":false}"),
                false);
        assertThrows(AssertionError.class, answer::requireRouterProblem);
    }

    @Test
    void rejectsAProblemWhoseStatusDiffersFromTheAnswers() {
        AlbAnswer answer = AlbAnswer.check(
                bytes(problem(400, "no-route", "none").replace("\\\"status\\\":400", "\\\"status\\\":404")), false);
        assertThrows(AssertionError.class, answer::requireRouterProblem);
    }

    @Test
    void allowsAProblemToQuoteTheClientsOwnPath() {
        String path = "/java.lang.IllegalStateException";
        AlbAnswer answer =
                AlbAnswer.check(bytes(problem(404, "no-route", "No route matches GET " + path + ".")), false);
        assertEquals("no-route", answer.requireRouterProblem(path, "GET"));
        assertThrows(AssertionError.class, answer::requireRouterProblem);
    }

    private static String problem(int status, String type, String detail) {
        try {
            String body = JSON.writeValueAsString(Map.of(
                    "type", "urn:lambda-router:problem:" + type, "title", "T", "status", status, "detail", detail));
            return JSON.writeValueAsString(Map.of(
                    "statusCode",
                    status,
                    "headers",
                    Map.of("content-type", "application/problem+json"),
                    "body",
                    body,
                    "isBase64Encoded",
                    false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
