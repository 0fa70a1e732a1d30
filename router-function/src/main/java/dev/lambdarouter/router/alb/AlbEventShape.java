package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shape of the event an ALB sends to a Lambda target, enforced on the event the router forwards to its
 * workers, so that a worker never receives an event the ALB could not have produced:
 *
 * <ul>
 *   <li>{@code httpMethod}, {@code path}: strings (required);
 *   <li>{@code headers}, {@code queryStringParameters}: objects of strings (single-value mode);
 *   <li>{@code multiValueHeaders}, {@code multiValueQueryStringParameters}: objects of non-empty arrays of strings
 *       (multi-value mode); an event uses one mode, never fields of both;
 *   <li>{@code body}: a string or null; {@code isBase64Encoded}: a boolean;
 *   <li>{@code requestContext}: <code>{"elb": {"targetGroupArn": string}}</code>.
 * </ul>
 *
 * Every field but the method and the path may be missing; none may be null but the body. A field of another type is a
 * 400. Fields the ALB does not send (at the top level and inside {@code requestContext}) are removed rather than
 * rejected: they are neither read nor forwarded, and a field AWS adds one day does not turn every request into a 400.
 */
final class AlbEventShape {

    static final String HEADERS = "headers";
    static final String MULTI_VALUE_HEADERS = "multiValueHeaders";
    static final String QUERY = "queryStringParameters";
    static final String MULTI_VALUE_QUERY = "multiValueQueryStringParameters";

    private static final Set<String> FIELDS = Set.of(
            "httpMethod",
            "path",
            HEADERS,
            QUERY,
            MULTI_VALUE_HEADERS,
            MULTI_VALUE_QUERY,
            "body",
            "isBase64Encoded",
            "requestContext");

    private AlbEventShape() {}

    /**
     * Checks the event's shape and removes the fields an ALB does not send.
     *
     * @param multiValue the event's header mode ({@link AlbRequestDecoder#isMultiValue})
     */
    static void enforce(ObjectNode event, boolean multiValue) throws ProblemException {
        event.retain(FIELDS);
        requireText(event, "httpMethod");
        requireText(event, "path");
        if (multiValue) {
            forbidOtherMode(event, HEADERS, "multi-value");
            forbidOtherMode(event, QUERY, "multi-value");
            optionalMap(event, MULTI_VALUE_HEADERS, true);
            optionalMap(event, MULTI_VALUE_QUERY, true);
        } else {
            // multiValueHeaders present but not an object: single-value mode, and a field of the wrong type.
            if (event.has(MULTI_VALUE_HEADERS)) {
                throw wrongType(MULTI_VALUE_HEADERS, "an object of arrays of strings");
            }
            forbidOtherMode(event, MULTI_VALUE_QUERY, "single-value");
            optionalMap(event, HEADERS, false);
            optionalMap(event, QUERY, false);
        }
        JsonNode body = event.get("body");
        if (body != null && !body.isTextual() && !body.isNull()) {
            throw wrongType("body", "a string");
        }
        JsonNode base64 = event.get("isBase64Encoded");
        if (base64 != null && !base64.isBoolean()) {
            throw wrongType("isBase64Encoded", "a boolean");
        }
        requestContext(event);
    }

    private static void requireText(ObjectNode event, String field) throws ProblemException {
        JsonNode node = event.get(field);
        if (node == null || !node.isTextual()) {
            throw new ProblemException(Problem.badRequest("The load balancer event has no '" + field + "' string."));
        }
    }

    /** A field of the other header mode: the ALB sends one mode's fields, never both. */
    private static void forbidOtherMode(ObjectNode event, String field, String mode) throws ProblemException {
        if (event.has(field)) {
            throw new ProblemException(Problem.badRequest("The load balancer event has '" + field + "' in " + mode
                    + " header mode; an ALB sends the fields of one mode only."));
        }
    }

    /** Absent, or an object whose values are strings (single-value) or non-empty arrays of strings (multi-value). */
    private static void optionalMap(ObjectNode event, String field, boolean multiValue) throws ProblemException {
        JsonNode node = event.get(field);
        if (node == null) {
            return;
        }
        String expected = multiValue ? "an object of arrays of strings" : "an object of strings";
        if (!node.isObject()) {
            throw wrongType(field, expected);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            JsonNode value = entries.next().getValue();
            if (multiValue ? !isNonEmptyArrayOfStrings(value) : !value.isTextual()) {
                throw wrongType(field, expected);
            }
        }
    }

    private static boolean isNonEmptyArrayOfStrings(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Absent, or exactly <code>{"elb": {"targetGroupArn": string}}</code> once unknown fields are removed. */
    private static void requestContext(ObjectNode event) throws ProblemException {
        JsonNode context = event.get("requestContext");
        if (context == null) {
            return;
        }
        String expected = "an object {\"elb\": {\"targetGroupArn\": string}}";
        if (!(context instanceof ObjectNode contextObject)) {
            throw wrongType("requestContext", expected);
        }
        contextObject.retain("elb");
        if (!(contextObject.get("elb") instanceof ObjectNode elb)) {
            throw wrongType("requestContext", expected);
        }
        elb.retain("targetGroupArn");
        JsonNode arn = elb.get("targetGroupArn");
        if (arn == null || !arn.isTextual()) {
            throw wrongType("requestContext", expected);
        }
    }

    private static ProblemException wrongType(String field, String expected) {
        return new ProblemException(Problem.badRequest(
                "The load balancer event's '" + field + "' is not " + expected + ", as an ALB sends it."));
    }
}
