package dev.lambdarouter.router.fuzz;

import static dev.lambdarouter.router.fuzz.AlbAnswer.require;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdarouter.router.alb.WorkerResponseReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of what a sync worker answers: a well-formed request through a real
 * {@code RequestRouter} whose worker returns fuzzed bytes.
 *
 * <p>Input: the last byte picks the mode (bit 1: multi-value header event; bit 0: structure-aware). Structure-aware:
 * {@link WorkerAnswerGenerator} builds a valid answer with at most one known defect, so the verdict is known.
 * Otherwise the other bytes are the worker's payload as is; seeds (payload + newline) are in
 * {@code WorkerAnswerFuzzTestInputs/workerAnswer/} under the test resources.
 *
 * <p>Invariants: {@code handle} never throws; every answer passes {@link AlbAnswer#check} in the event's header
 * mode; a valid worker answer passes through with its status, body, {@code isBase64Encoded} and headers; an invalid
 * one becomes a 502 problem made by the router. With raw payloads: anything that is not a JSON object with an
 * integer {@code statusCode} in 100..599 becomes that 502.
 */
class WorkerAnswerFuzzTest {

    /**
     * Inputs handled by one router. Its circuit breakers open once a target has had at least 10 calls, half of them
     * answered with something the ALB would reject, and then rightly answer 503 no-healthy-target: this target
     * fuzzes how answers are checked, not the breakers, so each router handles fewer calls than that.
     */
    private static final int INPUTS_PER_ROUTER = 9;

    private static InMemoryRouter router;
    private static long inputs;
    private static final byte[] SINGLE_VALUE_EVENT = """
            {"httpMethod":"GET","path":"/orders/42","queryStringParameters":{"a":"1"},
             "headers":{"host":"api.example.com","x-forwarded-for":"203.0.113.9"},"body":"","isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);
    private static final byte[] MULTI_VALUE_EVENT = """
            {"httpMethod":"GET","path":"/orders/42","multiValueQueryStringParameters":{"a":["1"]},
             "multiValueHeaders":{"host":["api.example.com"],"x-forwarded-for":["203.0.113.9"]},"body":"",
             "isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "\"statusCode\"",
        "\"statusDescription\"",
        "\"headers\"",
        "\"multiValueHeaders\"",
        "\"body\"",
        "\"isBase64Encoded\"",
        "null",
        "true",
        "false",
        "[]",
        "{}",
        "200",
        "599",
        "600",
        "99",
        "1e2",
        "200.0",
        "\"content-type\"",
        "\"set-cookie\"",
        "\\r\\n",
        "\\u0000",
        "\"aGVsbG8=\""
    })
    void workerAnswer(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 3);
        boolean multi = (mode & 2) != 0;
        byte[] event = multi ? MULTI_VALUE_EVENT : SINGLE_VALUE_EVENT;
        if ((mode & 1) != 0) {
            generated(WorkerAnswerGenerator.answer(data), event, multi);
        } else {
            raw(data.consumeRemainingAsBytes(), event, multi);
        }
    }

    private static InMemoryRouter router() {
        if (inputs++ % INPUTS_PER_ROUTER == 0) {
            router = new InMemoryRouter();
        }
        return router;
    }

    private static void generated(WorkerAnswerGenerator.WorkerAnswer worker, byte[] event, boolean multi) {
        AlbAnswer answer =
                AlbAnswer.check(router().workerAnswer(worker.payload()).handle(event), multi);
        if (!worker.valid()) {
            require(
                    answer.status() == 502,
                    () -> "an invalid worker answer (" + worker.defect() + ") did not become 502: " + answer
                            + "\nworker: " + worker);
            answer.requireRouterProblem();
            return;
        }
        require(
                answer.status() == worker.status(),
                () -> "the worker's status was changed: " + answer + "\nworker: " + worker);
        require(
                answer.body().equals(worker.body()),
                () -> "the worker's body was changed: " + answer + "\nworker: " + worker);
        require(answer.base64Encoded() == worker.base64(), () -> "the worker's isBase64Encoded was changed: " + answer);
        for (String name : worker.headerNames()) {
            require(
                    name.equalsIgnoreCase("x-request-id") || answer.hasHeader(name),
                    () -> "the worker's header " + name + " was lost: " + answer + "\nworker: " + worker);
        }
    }

    private static void raw(byte[] payload, byte[] event, boolean multi) {
        AlbAnswer answer = AlbAnswer.check(router().workerAnswer(payload).handle(event), multi);
        JsonNode worker = parse(payload);
        JsonNode status = worker == null ? null : worker.get("statusCode");
        JsonNode body = worker == null ? null : worker.get("body");
        String workerBody = body == null || body.isNull() ? "" : body.isTextual() ? body.textValue() : null;
        boolean passedThrough = status != null
                && status.isIntegralNumber()
                && status.canConvertToInt()
                && status.intValue() == answer.status()
                && workerBody != null
                && workerBody.equals(answer.body())
                && payload.length <= WorkerResponseReader.MAX_RESPONSE_BYTES;
        if (!passedThrough) {
            require(
                    answer.status() == 502,
                    () -> "a worker answer that was not passed through did not become 502: " + answer);
            answer.requireRouterProblem();
        }
    }

    /** The payload as the router's JSON parser reads it; null when it is not a JSON object. */
    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode node = InMemoryRouter.JSON.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
