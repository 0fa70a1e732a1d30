package dev.lambdarouter.router.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An independent, deliberately simple check that a worker event is one an ALB could have produced (plus the
 * router's own headers): the fields an ALB sends, each of the JSON type the ALB gives it, one header mode. Written
 * apart from the router's decoder so that a bug there is not repeated here.
 */
final class WorkerEventTypes {

    private static final Set<String> TOP_LEVEL = Set.of(
            "httpMethod",
            "path",
            "headers",
            "queryStringParameters",
            "multiValueHeaders",
            "multiValueQueryStringParameters",
            "body",
            "isBase64Encoded",
            "requestContext");

    private WorkerEventTypes() {}

    /** Null when the payload is a well-typed ALB event, else what is wrong with it. */
    static String violation(byte[] payload) {
        JsonNode event;
        try {
            event = InMemoryRouter.JSON.readTree(payload);
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
        if (event == null || !event.isObject()) {
            return "not a JSON object";
        }
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                return "a field an ALB does not send: " + name;
            }
        }
        if (!event.path("httpMethod").isTextual() || !event.path("path").isTextual()) {
            return "httpMethod and path must be strings";
        }
        boolean multi = event.has("multiValueHeaders");
        if (multi) {
            if (event.has("headers") || event.has("queryStringParameters")) {
                return "single-value fields in a multi-value event";
            }
            if (!isMapOf(event.get("multiValueHeaders"), true)
                    || (event.has("multiValueQueryStringParameters")
                            && !isMapOf(event.get("multiValueQueryStringParameters"), true))) {
                return "multi-value headers or query are not objects of non-empty arrays of strings";
            }
        } else {
            if (event.has("multiValueQueryStringParameters")) {
                return "a multi-value query in a single-value event";
            }
            if (!isMapOf(event.get("headers"), false)
                    || (event.has("queryStringParameters") && !isMapOf(event.get("queryStringParameters"), false))) {
                return "headers or query are not objects of strings";
            }
        }
        if (event.has("body")
                && !event.get("body").isTextual()
                && !event.get("body").isNull()) {
            return "body is neither a string nor null";
        }
        if (event.has("isBase64Encoded") && !event.get("isBase64Encoded").isBoolean()) {
            return "isBase64Encoded is not a boolean";
        }
        if (event.has("requestContext")) {
            JsonNode context = event.get("requestContext");
            if (!context.isObject()
                    || context.size() != 1
                    || !context.path("elb").isObject()
                    || context.get("elb").size() != 1
                    || !context.get("elb").path("targetGroupArn").isTextual()) {
                return "requestContext is not {\"elb\":{\"targetGroupArn\":string}}";
            }
        }
        return null;
    }

    /** An object (the router always adds its headers, so never missing) of strings or of non-empty string arrays. */
    private static boolean isMapOf(JsonNode node, boolean arrays) {
        if (node == null || !node.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (arrays) {
                if (!value.isArray() || value.isEmpty()) {
                    return false;
                }
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        return false;
                    }
                }
            } else if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
