package dev.lambdarouter.router.alb;

import static dev.lambdarouter.router.alb.AlbEvent.BODY;
import static dev.lambdarouter.router.alb.AlbEvent.FIELD_NAMES;
import static dev.lambdarouter.router.alb.AlbEvent.HEADERS;
import static dev.lambdarouter.router.alb.AlbEvent.HTTP_METHOD;
import static dev.lambdarouter.router.alb.AlbEvent.IS_BASE64_ENCODED;
import static dev.lambdarouter.router.alb.AlbEvent.MULTI_VALUE_HEADERS;
import static dev.lambdarouter.router.alb.AlbEvent.MULTI_VALUE_QUERY;
import static dev.lambdarouter.router.alb.AlbEvent.PATH;
import static dev.lambdarouter.router.alb.AlbEvent.QUERY;
import static dev.lambdarouter.router.alb.AlbEvent.REQUEST_CONTEXT;

import com.fasterxml.jackson.core.JsonToken;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;

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
 * Every field but the method and the path may be missing; none may be null but the body; none may come twice. A field
 * of another type is a 400. Fields the ALB does not send (at the top level and inside {@code requestContext}) are left
 * out rather than rejected ({@link AlbEvent} skips them): they are neither read nor forwarded, and a field AWS adds one
 * day does not turn every request into a 400.
 */
final class AlbEventShape {

    private AlbEventShape() {}

    /**
     * Checks the event's shape.
     *
     * @param multiValue the event's header mode ({@link AlbEvent#multiValueHeaders})
     */
    static void enforce(AlbEvent event, boolean multiValue) throws ProblemException {
        if (event.duplicateField != null) {
            throw new ProblemException(Problem.badRequest("The load balancer event has the field '"
                    + event.duplicateField + "' more than once; an ALB sends each field once."));
        }
        requireText(event, HTTP_METHOD);
        requireText(event, PATH);
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
        JsonToken body = event.type[BODY];
        if (body != null && body != JsonToken.VALUE_STRING && body != JsonToken.VALUE_NULL) {
            throw wrongType(BODY, "a string");
        }
        JsonToken base64 = event.type[IS_BASE64_ENCODED];
        if (base64 != null && base64 != JsonToken.VALUE_TRUE && base64 != JsonToken.VALUE_FALSE) {
            throw wrongType(IS_BASE64_ENCODED, "a boolean");
        }
        requestContext(event);
    }

    private static void requireText(AlbEvent event, int field) throws ProblemException {
        if (event.type[field] != JsonToken.VALUE_STRING) {
            throw new ProblemException(
                    Problem.badRequest("The load balancer event has no '" + FIELD_NAMES[field] + "' string."));
        }
    }

    /** A field of the other header mode: the ALB sends one mode's fields, never both. */
    private static void forbidOtherMode(AlbEvent event, int field, String mode) throws ProblemException {
        if (event.has(field)) {
            throw new ProblemException(Problem.badRequest("The load balancer event has '" + FIELD_NAMES[field] + "' in "
                    + mode + " header mode; an ALB sends the fields of one mode only."));
        }
    }

    /** Absent, or an object whose values are strings (single-value) or non-empty arrays of strings (multi-value). */
    private static void optionalMap(AlbEvent event, int field, boolean multiValue) throws ProblemException {
        if (!event.has(field)) {
            return;
        }
        AlbEvent.Members members = event.members[field];
        if (members == null || !(multiValue ? members.stringArrays : members.strings)) {
            throw wrongType(field, multiValue ? "an object of arrays of strings" : "an object of strings");
        }
    }

    /** Absent, or exactly <code>{"elb": {"targetGroupArn": string}}</code> once unknown fields are left out. */
    private static void requestContext(AlbEvent event) throws ProblemException {
        JsonToken context = event.type[REQUEST_CONTEXT];
        if (context == null) {
            return;
        }
        if (context != JsonToken.START_OBJECT
                || event.elbType != JsonToken.START_OBJECT
                || event.targetGroupArnType != JsonToken.VALUE_STRING) {
            throw wrongType(REQUEST_CONTEXT, "an object {\"elb\": {\"targetGroupArn\": string}}");
        }
        if (event.duplicateContextField != null) {
            throw new ProblemException(Problem.badRequest("The load balancer event's 'requestContext' has the field '"
                    + event.duplicateContextField + "' more than once; an ALB sends each field once."));
        }
    }

    private static ProblemException wrongType(int field, String expected) {
        return new ProblemException(Problem.badRequest(
                "The load balancer event's '" + FIELD_NAMES[field] + "' is not " + expected + ", as an ALB sends it."));
    }
}
