package dev.lambdarouter.router.fuzz;

import static dev.lambdarouter.router.fuzz.HostileJson.NODES;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.router.alb.AlbRequestDecoder;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Builds ALB target-group events from fuzzer input: mostly the right shape with hostile values (methods, paths
 * with dot segments and control characters, header and query names and values with CR/LF/NUL and bad percent
 * escapes, a few more headers and query parameters than the decoder accepts, bodies that lie about base64), and at every field a chance of the field
 * missing, being null, or having the wrong JSON type (at every level of {@code requestContext} too), and at times a
 * field an ALB does not send. Single-value and multi-value header mode both occur, and
 * events that carry both kinds of fields.
 */
final class AlbEventGenerator {

    private static final String[] METHODS = {
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "get", "CONNECT", "G E T", "", "GET\r\n"
    };
    private static final String[] PATHS = {
        "/orders",
        "/orders/42",
        "/users/7/items/9",
        "/static/a/b/site.css",
        "/favicon.ico",
        "/jobs/report",
        "/maintenance",
        "/shadowed/1",
        "/_router/health",
        "/",
        "/nothing-here",
        "",
        "orders",
        "/Orders"
    };
    private static final String[] PATH_SEGMENTS = {
        "/", "/..", "/.", "/%2e%2e", "/%2E", "%2f", "/%00", "\r\n", "//", "?q=1", "#frag", "\u0000", "/\u00e9", "/x",
        "/{id}", "/*", "/**", ".css"
    };
    private static final String[] HEADER_NAMES = {
        "host", "x-forwarded-for", "x-request-id", "x-amzn-trace-id", "cookie", "x-user-id", "x-canary",
        "user-agent", "x-tenant", "content-type", "x-router-route", "X-Router-Target", "Host", "x-router-",
        "bad header", "bad:header", "", "h\r\nx-injected", "\u00e9t\u00e9"
    };
    private static final String[] HEADER_VALUES = {
        "api.example.com", "a.example.org:8443", "[2001:db8::1]:443", "10.1.2.3", "203.0.113.9, 10.0.0.1",
        "2001:db8::7", "true", "Mozilla/5.0 (iPhone) Mobile", "session=s1; other=2", "user-1001",
        "Root=1-5f0c1a2b-0123456789abcdef01234567", "client-abc", "a\r\nb", "\u0000", ""
    };
    private static final String TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1";
    /** Fields of other event sources (API Gateway, function URLs) and of no event source. */
    private static final String[] UNKNOWN_FIELDS = {"stageVariables", "cookies", "version", "rawPath", "x", ""};

    private static final String[] QUERY_NAMES = {"version", "q", "a", "%zz", "%", "+", "%41", "a%2", "%00", "%e9"};

    private AlbEventGenerator() {}

    /** One event, serialised; never throws. */
    static byte[] event(FuzzedDataProvider data) {
        JsonNode root = data.consumeInt(0, 15) == 0 ? HostileJson.anyValue(data, 2) : object(data);
        try {
            return InMemoryRouter.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a generated event", e);
        }
    }

    private static ObjectNode object(FuzzedDataProvider data) {
        ObjectNode event = NODES.objectNode();
        boolean multi = data.consumeBoolean();
        field(data, event, "requestContext", () -> requestContext(data));
        field(data, event, "httpMethod", () -> NODES.textNode(method(data)));
        field(data, event, "path", () -> NODES.textNode(path(data)));
        String headerField = multi ? "multiValueHeaders" : "headers";
        String queryField = multi ? "multiValueQueryStringParameters" : "queryStringParameters";
        field(data, event, headerField, () -> headers(data, multi));
        field(data, event, queryField, () -> query(data, multi));
        if (data.consumeInt(0, 7) == 0) {
            // Both kinds of fields in one event: the decoder must pick one mode and answer in it.
            String other = multi ? "headers" : "multiValueHeaders";
            field(data, event, other, () -> headers(data, !multi));
        }
        body(data, event);
        if (data.consumeInt(0, 7) == 0) {
            // A field an ALB does not send: never forwarded.
            event.set(data.pickValue(UNKNOWN_FIELDS), HostileJson.anyValue(data, 2));
        }
        return event;
    }

    /** <code>{"elb":{"targetGroupArn":"arn:..."}}</code>, at times with a level of the wrong type or an extra field. */
    private static JsonNode requestContext(FuzzedDataProvider data) {
        ObjectNode elb = NODES.objectNode();
        field(data, elb, "targetGroupArn", () -> NODES.textNode(TARGET_GROUP_ARN));
        ObjectNode context = NODES.objectNode();
        field(data, context, "elb", () -> elb);
        if (data.consumeInt(0, 7) == 0) {
            (data.consumeBoolean() ? context : elb).set(data.pickValue(UNKNOWN_FIELDS), HostileJson.anyValue(data, 1));
        }
        return context;
    }

    /** Sets a field to a generated value, or leaves it out, or sets null, or a value of another type. */
    private static void field(FuzzedDataProvider data, ObjectNode event, String name, Supplier<JsonNode> value) {
        switch (data.consumeInt(0, 11)) {
            case 0 -> {
                return;
            }
            case 1 -> {
                event.putNull(name);
                return;
            }
            case 2 -> {
                event.set(name, HostileJson.anyValue(data, 2));
                return;
            }
            default -> event.set(name, value.get());
        }
    }

    private static String method(FuzzedDataProvider data) {
        return data.consumeInt(0, 5) == 0 ? HostileJson.text(data) : data.pickValue(METHODS);
    }

    private static String path(FuzzedDataProvider data) {
        if (data.consumeInt(0, 7) == 0) {
            return HostileJson.text(data);
        }
        StringBuilder path = new StringBuilder(data.pickValue(PATHS));
        int segments = data.consumeInt(0, 4);
        for (int i = 0; i < segments; i++) {
            path.append(data.consumeBoolean() ? data.pickValue(PATH_SEGMENTS) : HostileJson.text(data));
        }
        return path.toString();
    }

    private static ObjectNode headers(FuzzedDataProvider data, boolean multi) {
        ObjectNode headers = NODES.objectNode();
        // Usually a handful; sometimes up to a few past the decoder's cap (more would only cost time).
        int count = data.consumeInt(0, 15) == 0
                ? data.consumeInt(0, AlbRequestDecoder.MAX_HEADERS + 8)
                : data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            String name = switch (data.consumeInt(0, 2)) {
                case 0 -> "x-generated-" + i;
                case 1 -> data.pickValue(HEADER_NAMES);
                default -> HostileJson.text(data);
            };
            headers.set(name, multi ? values(data) : value(data));
        }
        return headers;
    }

    private static JsonNode value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> HostileJson.nonText(data);
            case 1, 2, 3 -> NODES.textNode(HostileJson.text(data));
            default -> NODES.textNode(data.pickValue(HEADER_VALUES));
        };
    }

    private static JsonNode values(FuzzedDataProvider data) {
        if (data.consumeInt(0, 9) == 0) {
            return HostileJson.anyValue(data, 2);
        }
        ArrayNode values = NODES.arrayNode();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            values.add(value(data));
        }
        return values;
    }

    private static ObjectNode query(FuzzedDataProvider data, boolean multi) {
        ObjectNode query = NODES.objectNode();
        int count = data.consumeInt(0, 15) == 0
                ? data.consumeInt(0, AlbRequestDecoder.MAX_QUERY_PARAMETERS + 8)
                : data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            String name = switch (data.consumeInt(0, 2)) {
                case 0 -> "p" + i;
                case 1 -> data.pickValue(QUERY_NAMES);
                default -> HostileJson.text(data);
            };
            query.set(name, multi ? values(data) : value(data));
        }
        return query;
    }

    private static void body(FuzzedDataProvider data, ObjectNode event) {
        switch (data.consumeInt(0, 5)) {
            case 0 -> {}
            case 1 -> event.putNull("body");
            case 2 -> event.set("body", HostileJson.nonText(data));
            case 3 -> event.put("body", Base64.getEncoder().encodeToString(data.consumeBytes(256)));
            default -> event.put("body", HostileJson.text(data));
        }
        switch (data.consumeInt(0, 4)) {
            case 0 -> {}
            case 1 -> event.put("isBase64Encoded", true);
            case 2 -> event.put("isBase64Encoded", false);
            default -> event.set("isBase64Encoded", HostileJson.anyValue(data, 1));
        }
    }
}
