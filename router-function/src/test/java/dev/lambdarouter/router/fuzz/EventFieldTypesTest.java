package dev.lambdarouter.router.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of the ALB event that the router reads or forwards, set to every JSON value of a type the ALB does not
 * send there: the client gets a 400 problem (in the event's header mode) and no worker is invoked. Events that an
 * ALB could send reach the worker with only the fields an ALB sends.
 */
class EventFieldTypesTest {

    /** A routed single-value event (route "orders"), as an ALB sends it. */
    private static final String SINGLE = """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"}},
             "httpMethod":"GET","path":"/orders/1","queryStringParameters":{"q":"1"},
             "headers":{"host":"api.example.com","x-forwarded-for":"203.0.113.9"},"body":"","isBase64Encoded":false}
            """;

    /** The same event with multi-value headers on. */
    private static final String MULTI = """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"}},
             "httpMethod":"GET","path":"/orders/1","multiValueQueryStringParameters":{"q":["1","2"]},
             "multiValueHeaders":{"host":["api.example.com"],"x-forwarded-for":["203.0.113.9"]},
             "body":"","isBase64Encoded":false}
            """;

    private static final List<String> NOT_STRING =
            List.of("1", "1.5", "-0", "true", "false", "null", "{}", "{\"a\":\"b\"}", "[]", "[\"a\"]");
    private static final List<String> NOT_STRING_OR_NULL =
            NOT_STRING.stream().filter(v -> !v.equals("null")).toList();
    private static final List<String> NOT_BOOLEAN =
            List.of("0", "1", "\"true\"", "\"false\"", "\"\"", "null", "{}", "[]", "[true]");
    private static final List<String> NOT_OBJECT_OF_STRINGS = List.of(
            "1",
            "true",
            "\"host=a\"",
            "null",
            "[]",
            "[[\"a\",\"b\"]]",
            "{\"a\":1}",
            "{\"a\":1.5}",
            "{\"a\":true}",
            "{\"a\":null}",
            "{\"a\":{}}",
            "{\"a\":{\"b\":\"c\"}}",
            "{\"a\":[\"x\"]}",
            "{\"a\":[]}",
            "{\"a\":\"x\",\"b\":2}");
    private static final List<String> NOT_OBJECT_OF_STRING_ARRAYS = List.of(
            "1",
            "true",
            "\"host\"",
            "null",
            "[]",
            "[[\"a\"]]",
            "{\"a\":\"x\"}",
            "{\"a\":1}",
            "{\"a\":null}",
            "{\"a\":{}}",
            "{\"a\":[]}",
            "{\"a\":[1]}",
            "{\"a\":[true]}",
            "{\"a\":[null]}",
            "{\"a\":[{}]}",
            "{\"a\":[[\"x\"]]}",
            "{\"a\":[\"x\",1]}");
    private static final List<String> NOT_REQUEST_CONTEXT = List.of(
            "1",
            "true",
            "\"elb\"",
            "null",
            "[]",
            "[{\"elb\":{\"targetGroupArn\":\"arn\"}}]",
            "{}",
            "{\"elb\":1}",
            "{\"elb\":\"arn\"}",
            "{\"elb\":null}",
            "{\"elb\":[]}",
            "{\"elb\":{}}",
            "{\"targetGroupArn\":\"arn\"}");
    private static final List<String> NOT_ELB =
            List.of("1", "true", "\"arn\"", "null", "[]", "[{\"targetGroupArn\":\"arn\"}]", "{}", "{\"arn\":\"x\"}");

    private final InMemoryRouter router = new InMemoryRouter();

    /** Field (dotted path from the root; "host.0" is an array item), wrong value, header mode. */
    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                        cases(SINGLE, "httpMethod", NOT_STRING),
                        cases(SINGLE, "path", NOT_STRING),
                        cases(SINGLE, "headers", NOT_OBJECT_OF_STRINGS),
                        cases(SINGLE, "headers.host", NOT_STRING),
                        cases(SINGLE, "headers.x-forwarded-for", NOT_STRING),
                        cases(SINGLE, "queryStringParameters", NOT_OBJECT_OF_STRINGS),
                        cases(SINGLE, "queryStringParameters.q", NOT_STRING),
                        cases(SINGLE, "body", NOT_STRING_OR_NULL),
                        cases(SINGLE, "isBase64Encoded", NOT_BOOLEAN),
                        cases(SINGLE, "requestContext", NOT_REQUEST_CONTEXT),
                        cases(SINGLE, "requestContext.elb", NOT_ELB),
                        cases(SINGLE, "requestContext.elb.targetGroupArn", NOT_STRING),
                        // The other mode's fields, of any type (an object makes the event multi-value and mixed).
                        cases(
                                SINGLE,
                                "multiValueHeaders",
                                List.of("null", "1", "\"a\"", "[]", "{}", "{\"a\":[\"x\"]}")),
                        cases(SINGLE, "multiValueQueryStringParameters", List.of("null", "{}", "{\"q\":[\"1\"]}")),
                        cases(MULTI, "httpMethod", NOT_STRING),
                        cases(MULTI, "path", NOT_STRING),
                        cases(MULTI, "multiValueHeaders", NOT_OBJECT_OF_STRING_ARRAYS),
                        cases(MULTI, "multiValueHeaders.host", NOT_OBJECT_OF_STRING_ARRAYS.subList(0, 6)),
                        cases(MULTI, "multiValueHeaders.host.0", NOT_STRING),
                        cases(MULTI, "multiValueQueryStringParameters", NOT_OBJECT_OF_STRING_ARRAYS),
                        cases(MULTI, "multiValueQueryStringParameters.q.1", NOT_STRING),
                        cases(MULTI, "body", NOT_STRING_OR_NULL),
                        cases(MULTI, "isBase64Encoded", NOT_BOOLEAN),
                        cases(MULTI, "requestContext.elb.targetGroupArn", NOT_STRING),
                        cases(MULTI, "headers", List.of("null", "{}", "{\"host\":\"api.example.com\"}")),
                        cases(MULTI, "queryStringParameters", List.of("null", "{}", "{\"q\":\"1\"}")))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> cases(String event, String field, List<String> values) {
        String mode = event.equals(MULTI) ? "multi-value" : "single-value";
        return values.stream().map(v -> Arguments.of(mode, field, v));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("wrongTypes")
    void aFieldOfAnotherTypeIsABadRequestAndReachesNoWorker(String mode, String field, String value) {
        ObjectNode event = set(json(mode.equals("multi-value") ? MULTI : SINGLE), field, value(value));
        // The answer's header mode follows multiValueHeaders, even where the field is the one made wrong.
        boolean answerMultiValue = event.path("multiValueHeaders").isObject();

        AlbAnswer answer = AlbAnswer.check(router.handle(bytes(event)), answerMultiValue);

        assertEquals(400, answer.status(), answer::toString);
        assertEquals("bad-request", answer.requireRouterProblem(), answer::toString);
        assertEquals(0, router.invocations(), "no worker may receive an event the ALB could not have sent");
    }

    @Test
    void theBaseEventsReachTheWorker() {
        for (String base : List.of(SINGLE, MULTI)) {
            AlbAnswer answer = AlbAnswer.check(router.handle(bytes(json(base))), base.equals(MULTI));
            assertEquals(201, answer.status(), answer::toString);
        }
        assertEquals(2, router.invocations());
        assertNull(router.malformedWorkerEvent());
    }

    @Test
    void aNullBodyAndMissingOptionalFieldsAreAccepted() {
        AlbAnswer answer = AlbAnswer.check(
                router.handle(bytes(json("{\"httpMethod\":\"GET\",\"path\":\"/orders\",\"body\":null}"))), false);

        assertEquals(201, answer.status(), answer::toString);
        assertNull(router.malformedWorkerEvent());
    }

    @Test
    void fieldsAnAlbDoesNotSendAreNotForwarded() {
        ObjectNode event = json(SINGLE);
        event.put("stageVariables", 1);
        event.putArray("cookies").add(2);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("accountId", 3);
        ((ObjectNode) context.get("elb")).putObject("extra");

        AlbAnswer answer = AlbAnswer.check(router.handle(bytes(event)), false);

        assertEquals(201, answer.status(), answer::toString);
        assertEquals(1, router.invocations());
        assertNull(router.malformedWorkerEvent(), router::malformedWorkerEvent);
    }

    /** Sets the value at a dotted path ("a.b.0"), creating nothing: every step but the last exists in the base. */
    private static ObjectNode set(ObjectNode root, String path, JsonNode value) {
        String[] steps = path.split("\\.", -1);
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root;
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) value(text);
    }

    private static JsonNode value(String text) {
        try {
            return InMemoryRouter.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
