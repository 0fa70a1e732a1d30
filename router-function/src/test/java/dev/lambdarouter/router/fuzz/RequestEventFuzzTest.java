package dev.lambdarouter.router.fuzz;

import static dev.lambdarouter.router.fuzz.AlbAnswer.require;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of the request path: hostile ALB events through a real {@code RequestRouter} (decoder,
 * routing engine, worker event builder, encoder) whose workers answer from memory.
 *
 * <p>Input: the last byte picks the mode. Odd: a structure-aware event built by {@link AlbEventGenerator}. Even: the
 * other bytes are the event as is, so any ALB event file with a newline appended (0x0a, even) is a seed; the seeds
 * are in {@code RequestEventFuzzTestInputs/event/} under the test resources.
 *
 * <p>Invariants: {@code handle} never throws; a worker never receives an event an ALB could not have produced (the
 * in-memory workers check each event with {@link WorkerEventTypes}, independently of the router's decoder);
 * every answer passes {@link AlbAnswer#check} in the header mode the
 * event asked for; the workers answer correctly, so every answer is the worker's (201), an async acceptance (202),
 * the health check (200), the maintenance route's fixed 503, or a 4xx problem made by the router (an injected
 * fault's abort included; never a 5xx:
 * a hostile request is the client's error, and 500 would mean an unexpected exception).
 */
class RequestEventFuzzTest {

    private static final InMemoryRouter ROUTER = new InMemoryRouter();

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "\"httpMethod\"",
        "\"path\"",
        "\"headers\"",
        "\"multiValueHeaders\"",
        "\"queryStringParameters\"",
        "\"multiValueQueryStringParameters\"",
        "\"body\"",
        "\"isBase64Encoded\"",
        "\"requestContext\"",
        "null",
        "true",
        "false",
        "[]",
        "{}",
        "\"GET\"",
        "\"/orders/\"",
        "\"/jobs\"",
        "\"/users/1/items/2\"",
        "\"/_router/health\"",
        "\"/rehearsal\"",
        "\"x-fault\"",
        "\"host\"",
        "\"x-forwarded-for\"",
        "\"x-request-id\"",
        "\"x-router-route\"",
        "\"cookie\"",
        "\\r\\n",
        "\\u0000",
        "%2e%2e",
        "/../",
        "%zz",
        "\\ud800"
    })
    void event(FuzzedDataProvider data) {
        byte[] event = data.consumeBoolean() ? AlbEventGenerator.event(data) : data.consumeRemainingAsBytes();

        TopLevel sent = TopLevel.of(event);

        AlbAnswer answer = AlbAnswer.check(ROUTER.handle(event), sent.multiValue());
        require(
                ROUTER.malformedWorkerEvent() == null,
                () -> "a worker received an event an ALB could not have produced: " + ROUTER.malformedWorkerEvent());

        switch (answer.status()) {
            case 201 -> require(answer.hasHeader("x-worker"), () -> "a 201 that is not the worker's answer: " + answer);
            case 202 ->
                require(
                        json(answer.body()).path("requestId").asText().equals(InMemoryRouter.LAMBDA_REQUEST_ID),
                        () -> "an async answer without Lambda's request id: " + answer);
            case 200 ->
                require(
                        json(answer.body()).path("status").asText().equals("ok"),
                        () -> "a 200 that is not the health check: " + answer);
            case 503 ->
                require(
                        answer.body().equals("{\"message\":\"back soon\"}"),
                        () -> "a 503 that is not the maintenance route's fixed answer: " + answer);
            default -> {
                answer.requireRouterProblem(sent.clientText());
                require(
                        answer.status() >= 400 && answer.status() < 500,
                        () -> "a hostile request must get a 4xx, got: " + answer);
            }
        }
    }

    /**
     * What the checks need from the event as the router's parser reads it (a JSON object; the last of duplicate
     * fields wins): whether {@code multiValueHeaders} is an object, and the method and path strings. Read with the
     * streaming parser, skipping every nested value: building the whole tree a second time (the router builds it
     * once) was a good part of each run's time.
     */
    private record TopLevel(boolean multiValue, String method, String path) {

        private static final TopLevel NOT_AN_OBJECT = new TopLevel(false, null, null);

        static TopLevel of(byte[] event) {
            boolean multiValue = false;
            String method = null;
            String path = null;
            try (JsonParser parser = InMemoryRouter.JSON.getFactory().createParser(event)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return NOT_AN_OBJECT;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    switch (name) {
                        case "multiValueHeaders" -> multiValue = value == JsonToken.START_OBJECT;
                        case "httpMethod" -> method = text;
                        case "path" -> path = text;
                        default -> {}
                    }
                    parser.skipChildren();
                }
            } catch (IOException e) {
                return NOT_AN_OBJECT; // not JSON: the router answers 400 in single-value mode
            }
            return new TopLevel(multiValue, method, path);
        }

        /** The method (as sent and upper-cased) and path, which a problem may quote back to the client. */
        String[] clientText() {
            return new String[] {path, method, method == null ? null : method.toUpperCase(Locale.ROOT)};
        }
    }

    private static JsonNode json(String text) {
        try {
            return InMemoryRouter.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text);
        }
    }
}
