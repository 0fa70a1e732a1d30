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
import java.util.UUID;

/**
 * Turns the ALB's Lambda event into an {@link AlbRequest}: enforces its shape ({@link AlbEventShape}), strips client-sent
 * {@code x-router-*} headers, decodes the query for matching, and enforces the 1 MB body limit.
 * Every malformed input becomes a 400 (or 413) {@link ProblemException}; nothing else escapes.
 */
public final class AlbRequestDecoder {

    /** ALB to Lambda: request bodies above 1 MB are rejected. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Headers added by the router; clients may not send them. */
    public static final String ROUTER_HEADER_PREFIX = "x-router-";

    /** More headers than any browser or SDK sends; the ALB itself caps the header block at 64 KB. */
    public static final int MAX_HEADERS = 256;
    /** Longest accepted path, in characters (the ALB limits the request line to 16 KB). */
    public static final int MAX_PATH_LENGTH = 8192;
    /** Longest accepted single header value or query parameter, in characters. */
    public static final int MAX_VALUE_LENGTH = 16384;
    /** Most query parameters accepted. */
    public static final int MAX_QUERY_PARAMETERS = 512;

    /** Longest accepted method token. */
    private static final int MAX_METHOD_LENGTH = 64;
    /** Longest accepted header name. */
    private static final int MAX_HEADER_NAME_LENGTH = 256;

    private final ObjectMapper mapper;

    public AlbRequestDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses the raw event into a JSON object; 400 when it is not one. */
    public ObjectNode parse(byte[] raw) throws ProblemException {
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
    public static boolean isMultiValue(ObjectNode event) {
        JsonNode mv = event.get("multiValueHeaders");
        return mv != null && mv.isObject();
    }

    /**
     * Decodes a parsed event. The event is modified in place: fields an ALB does not send and {@code x-router-*}
     * headers are removed.
     */
    public AlbRequest decode(ObjectNode event) throws ProblemException {
        boolean multi = isMultiValue(event);
        AlbEventShape.enforce(event, multi);
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

        Map<String, List<String>> headers =
                readHeaders(event.get(multi ? AlbEventShape.MULTI_VALUE_HEADERS : AlbEventShape.HEADERS));
        Map<String, List<String>> query =
                readQuery(event.get(multi ? AlbEventShape.MULTI_VALUE_QUERY : AlbEventShape.QUERY));
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
        return new AlbRequest(event, multi, routing, requestId, traceId, bodyBytes);
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
        if (raw.length() > MAX_VALUE_LENGTH) {
            throw new ProblemException(
                    Problem.badRequest("A query parameter is longer than " + MAX_VALUE_LENGTH + " characters."));
        }
        try {
            return RequestReading.queryComponent(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest("The query string has invalid percent-encoding."));
        }
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
        if (!HttpTokens.isToken(name, MAX_HEADER_NAME_LENGTH)) {
            throw new ProblemException(Problem.badRequest("A header name is not a valid HTTP token."));
        }
        return name;
    }

    private static String checkHeaderValue(String value) throws ProblemException {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new ProblemException(
                    Problem.badRequest("A header value is longer than " + MAX_VALUE_LENGTH + " characters."));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new ProblemException(Problem.badRequest("A header value contains CR, LF or NUL."));
            }
        }
        return value;
    }

    /** A "." or ".." segment, literally or percent-encoded ({@code %2e}), anywhere in the path. */
    static boolean hasDotSegment(String path) {
        String p = path.indexOf('%') >= 0 ? path.replace("%2e", ".").replace("%2E", ".") : path;
        int start = 1;
        while (start <= p.length()) {
            int end = p.indexOf('/', start);
            if (end < 0) {
                end = p.length();
            }
            int len = end - start;
            if ((len == 1 && p.charAt(start) == '.')
                    || (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.')) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
