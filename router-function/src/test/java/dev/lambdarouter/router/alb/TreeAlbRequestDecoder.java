package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.RequestReading;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The decoder as it was before it read events with a streaming parser (up to session 15, with its AlbEventShape as
 * {@link Shape}), kept as the reference the streaming decoder is compared with ({@link DecoderEquivalenceTest}).
 *
 * <p>It turned the ALB's Lambda event into an {@code AlbRequest}: enforces its shape ({@link AlbEventShape}), strips client-sent
 * {@code x-router-*} headers, decodes the query for matching, and enforces the 1 MB body limit.
 * Every malformed input becomes a 400 (or 413) {@link ProblemException}; nothing else escapes.
 */
final class TreeAlbRequestDecoder {

    /** What the old decoder made of an event (its AlbRequest held the tree). */
    record Decoded(
            boolean multiValueHeaders, RoutingRequest routing, String requestId, String traceId, int bodyBytes) {}

    /** The old Shape. */
    static final class Shape {

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

        private Shape() {}

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
                throw new ProblemException(
                        Problem.badRequest("The load balancer event has no '" + field + "' string."));
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

    /** ALB to Lambda: request bodies above 1 MB are rejected. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Headers added by the router; clients may not send them. */
    static final String ROUTER_HEADER_PREFIX = "x-router-";

    /** More headers than any browser or SDK sends; the ALB itself caps the header block at 64 KB. */
    static final int MAX_HEADERS = 256;
    /** Longest accepted path, in characters (the ALB limits the request line to 16 KB). */
    static final int MAX_PATH_LENGTH = 8192;
    /** Longest accepted single header value or query parameter, in characters. */
    static final int MAX_VALUE_LENGTH = 16384;
    /** Most query parameters accepted. */
    static final int MAX_QUERY_PARAMETERS = 512;

    /** Longest accepted method token. */
    private static final int MAX_METHOD_LENGTH = 64;
    /** Longest accepted header name. */
    private static final int MAX_HEADER_NAME_LENGTH = 256;

    private final ObjectMapper mapper;

    TreeAlbRequestDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses the raw event into a JSON object; 400 when it is not one. */
    ObjectNode parse(byte[] raw) throws ProblemException {
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.badRequest("The load balancer event is not valid JSON."));
        } catch (IOException e) {
            throw new ProblemException(Problem.badRequest("The load balancer event could not be read."));
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(Problem.badRequest("The load balancer event is not a JSON object."));
        }
        return (ObjectNode) node;
    }

    /** Whether the event uses multi-value headers (the answer must use the same mode). */
    static boolean isMultiValue(ObjectNode event) {
        JsonNode mv = event.get("multiValueHeaders");
        return mv != null && mv.isObject();
    }

    /**
     * Decodes a parsed event. The event is modified in place: fields an ALB does not send and {@code x-router-*}
     * headers are removed.
     */
    Decoded decode(ObjectNode event) throws ProblemException {
        boolean multi = isMultiValue(event);
        Shape.enforce(event, multi);
        String method = event.get("httpMethod").textValue();
        if (!HttpTokens.isToken(method, MAX_METHOD_LENGTH)) {
            throw new ProblemException(Problem.badRequest("The HTTP method is not a valid token."));
        }
        String path = event.get("path").textValue();
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new ProblemException(Problem.badRequest("The request path must start with '/'."));
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new ProblemException(
                    Problem.badRequest("The request path is longer than " + MAX_PATH_LENGTH + " characters."));
        }
        if (hasControlCharacter(path)) {
            throw new ProblemException(Problem.badRequest("The request path contains control characters."));
        }
        if (hasDotSegment(path)) {
            throw new ProblemException(Problem.badRequest(
                    "The request path contains '.' or '..' segments (path traversal is not routed)."));
        }

        Map<String, List<String>> headers = readHeaders(event.get(multi ? Shape.MULTI_VALUE_HEADERS : Shape.HEADERS));
        Map<String, List<String>> query = readQuery(event.get(multi ? Shape.MULTI_VALUE_QUERY : Shape.QUERY));
        int bodyBytes = bodySize(event);

        String host = RequestReading.host(first(headers, "host"));
        String sourceIp = RequestReading.clientAddress(headers.get("x-forwarded-for"));
        String clientRequestId = first(headers, "x-request-id");
        String requestId = clientRequestId != null && HttpTokens.isRequestId(clientRequestId)
                ? clientRequestId
                : UUID.randomUUID().toString();
        String traceId = first(headers, "x-amzn-trace-id");

        RoutingRequest routing =
                new RoutingRequest(method.toUpperCase(Locale.ROOT), host, path, headers, query, sourceIp);
        return new Decoded(multi, routing, requestId, traceId, bodyBytes);
    }

    /**
     * Reads {@code headers} (single-value mode) or {@code multiValueHeaders}: names lower-cased and checked, values
     * checked, client-sent {@code x-router-*} headers removed from the event. The types are already checked.
     */
    private static Map<String, List<String>> readHeaders(JsonNode node) throws ProblemException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (node == null) {
            return headers;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(ROUTER_HEADER_PREFIX)) {
                fields.remove();
                continue;
            }
            List<String> values = values(field.getValue());
            for (String v : values) {
                checkHeaderValue(v);
            }
            headers.put(checkHeaderName(name), values);
            if (headers.size() > MAX_HEADERS) {
                throw tooManyHeaders();
            }
        }
        return headers;
    }

    /** Reads {@code queryStringParameters} or {@code multiValueQueryStringParameters}, whose types are checked. */
    private static Map<String, List<String>> readQuery(JsonNode node) throws ProblemException {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (node == null) {
            return query;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> decoded = query.computeIfAbsent(percentDecode(field.getKey()), k -> new ArrayList<>());
            for (String v : values(field.getValue())) {
                decoded.add(percentDecode(v));
            }
            if (query.size() > MAX_QUERY_PARAMETERS) {
                throw new ProblemException(
                        Problem.badRequest("The request has more than " + MAX_QUERY_PARAMETERS + " query parameters."));
            }
        }
        return query;
    }

    /** A string (single-value mode) or an array of strings (multi-value mode), as {@link AlbEventShape} checked. */
    private static List<String> values(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        List<String> values = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            values.add(item.textValue());
        }
        return values;
    }

    /** ALB passes query strings as the client sent them: decode for matching (RFC 3986 plus '+' as space). */
    static String percentDecode(String raw) throws ProblemException {
        return AlbRequestDecoder.percentDecode(raw); // unchanged by the move to streaming: shared
    }

    private static int bodySize(ObjectNode event) throws ProblemException {
        JsonNode body = event.get("body");
        if (body == null || body.isNull()) {
            return 0;
        }
        String text = body.textValue();
        boolean base64 = event.path("isBase64Encoded").booleanValue();
        long size;
        if (base64) {
            if ((long) text.length() * 3 / 4 > MAX_BODY_BYTES + 3) {
                throw tooLarge();
            }
            try {
                size = Base64.getDecoder().decode(text).length;
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        Problem.badRequest("The request body is marked base64 but is not valid base64."));
            }
        } else {
            size = utf8Length(text);
        }
        if (size > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return (int) size;
    }

    private static ProblemException tooLarge() {
        return new ProblemException(Problem.tooLarge(
                "The request body exceeds the 1 MB (1,048,576 bytes) limit of a Lambda target behind an ALB."));
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ProblemException tooManyHeaders() {
        return new ProblemException(Problem.badRequest("The request has more than " + MAX_HEADERS + " headers."));
    }

    private static String checkHeaderName(String name) throws ProblemException {
        return AlbRequestDecoder.checkHeaderName(name);
    }

    private static String checkHeaderValue(String value) throws ProblemException {
        return AlbRequestDecoder.checkHeaderValue(value);
    }

    /** A "." or ".." segment, literally or percent-encoded ({@code %2e}), anywhere in the path. */
    static boolean hasDotSegment(String path) {
        return AlbRequestDecoder.hasDotSegment(path);
    }

    private static boolean hasControlCharacter(String s) {
        return AlbRequestDecoder.hasControlCharacter(s);
    }
}
