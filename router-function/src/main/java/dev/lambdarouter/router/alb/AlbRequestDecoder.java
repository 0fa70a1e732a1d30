package dev.lambdarouter.router.alb;

import static dev.lambdarouter.router.alb.AlbEvent.FIELD_NAMES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RequestReading;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the ALB's Lambda event into an {@link AlbRequest}: reads it in one pass of a streaming parser
 * ({@link AlbEvent}, no JSON tree), enforces its shape ({@link AlbEventShape}), leaves client-sent {@code x-router-*}
 * headers out, decodes the query for matching, and enforces the 1 MB body limit. A header named twice (names are
 * case-insensitive) or a query parameter named twice is a 400: the router and the worker might read different ones.
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

    private final JsonFactory json;

    public AlbRequestDecoder(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /**
     * Reads the raw event in one pass of a streaming parser; 400 when it is not a JSON object. Its shape is checked by
     * {@link #decode}.
     */
    public AlbEvent parse(byte[] raw) throws ProblemException {
        try {
            return read(raw, true);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.badRequest("The load balancer event is not valid JSON."));
        } catch (IOException e) {
            throw new ProblemException(Problem.badRequest("The load balancer event could not be read."));
        }
    }

    /** Whether the event uses multi-value headers (the answer must use the same mode). */
    public static boolean isMultiValue(AlbEvent event) {
        return event.multiValueHeaders();
    }

    /** Decodes a parsed event. */
    public AlbRequest decode(AlbEvent event) throws ProblemException {
        boolean multi = event.multiValueHeaders();
        AlbEventShape.enforce(event, multi);
        String method = event.method;
        if (!HttpTokens.isToken(method, MAX_METHOD_LENGTH)) {
            throw new ProblemException(Problem.badRequest("The HTTP method is not a valid token."));
        }
        String path = event.path;
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
                readHeaders(event.members[multi ? AlbEvent.MULTI_VALUE_HEADERS : AlbEvent.HEADERS]);
        Map<String, List<String>> query = readQuery(event.members[multi ? AlbEvent.MULTI_VALUE_QUERY : AlbEvent.QUERY]);
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
     * Reads the event: the top-level fields an ALB sends (the others are skipped), each value's type and byte range,
     * and what the router reads from them. Every value is parsed, skipped ones included, so that invalid JSON anywhere
     * is a 400.
     *
     * @param mayReencode whether an event in UTF-16 or UTF-32 may be re-encoded to UTF-8 and read again
     */
    private AlbEvent read(byte[] raw, boolean mayReencode) throws IOException, ProblemException {
        try (JsonParser p = json.createParser(raw)) {
            JsonToken first = p.nextToken();
            if (first != null && p.currentTokenLocation().getByteOffset() < 0) {
                // Not UTF-8 (JSON may come in UTF-16 or UTF-32): byte ranges are only known in UTF-8.
                if (!mayReencode) {
                    throw new ProblemException(Problem.badRequest("The load balancer event could not be read."));
                }
                return read(reencode(raw), false);
            }
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    skipValue(p, first); // invalid JSON is a 400 of its own, as when the whole event is parsed
                }
                throw new ProblemException(Problem.badRequest("The load balancer event is not a JSON object."));
            }
            AlbEvent event = new AlbEvent(raw);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int start = startOfToken(p);
                int field = field(p.currentName());
                JsonToken value = p.nextToken();
                if (field < 0) {
                    skipValue(p, value);
                } else {
                    readField(p, event, field, value, start);
                }
            }
            return event;
        }
    }

    private static void readField(JsonParser p, AlbEvent event, int field, JsonToken value, int start)
            throws IOException {
        if (event.type[field] == null) {
            event.order[event.fieldCount++] = field;
        } else if (event.duplicateField == null) {
            event.duplicateField = FIELD_NAMES[field];
        }
        event.type[field] = value;
        event.members[field] = null;
        switch (field) {
            case AlbEvent.HTTP_METHOD -> event.method = text(p, value);
            case AlbEvent.PATH -> event.path = text(p, value);
            case AlbEvent.BODY -> body(p, event, value);
            case AlbEvent.HEADERS, AlbEvent.MULTI_VALUE_HEADERS -> event.members[field] = members(p, value, true);
            case AlbEvent.QUERY, AlbEvent.MULTI_VALUE_QUERY -> event.members[field] = members(p, value, false);
            case AlbEvent.REQUEST_CONTEXT -> requestContext(p, event, value);
            default -> skipValue(p, value);
        }
        event.start[field] = start;
        event.end[field] = endOfToken(p);
    }

    /** The index of a field an ALB sends ({@link AlbEvent#FIELD_NAMES}), or -1. */
    private static int field(String name) {
        return switch (name) {
            case "httpMethod" -> AlbEvent.HTTP_METHOD;
            case "path" -> AlbEvent.PATH;
            case "headers" -> AlbEvent.HEADERS;
            case "queryStringParameters" -> AlbEvent.QUERY;
            case "multiValueHeaders" -> AlbEvent.MULTI_VALUE_HEADERS;
            case "multiValueQueryStringParameters" -> AlbEvent.MULTI_VALUE_QUERY;
            case "body" -> AlbEvent.BODY;
            case "isBase64Encoded" -> AlbEvent.IS_BASE64_ENCODED;
            case "requestContext" -> AlbEvent.REQUEST_CONTEXT;
            default -> -1;
        };
    }

    /** A string value, or null (the value, of another type, skipped). */
    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        skipValue(p, value);
        return null;
    }

    /** A string body's place and lengths (see {@link AlbEvent#bodyStart}); any other value skipped. */
    private static void body(JsonParser p, AlbEvent event, JsonToken value) throws IOException {
        event.bodyStart = startOfToken(p);
        if (value != JsonToken.VALUE_STRING) {
            skipValue(p, value);
            return;
        }
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        event.bodyLength = p.getTextLength();
        event.bodyUtf8Length = utf8Length(text, offset, event.bodyLength);
    }

    /**
     * The members of a header or query object, each with its value when it is a string or a non-empty array of strings;
     * null (the value skipped) when the value is not an object.
     */
    private static AlbEvent.Members members(JsonParser p, JsonToken value, boolean headers) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            skipValue(p, value);
            return null;
        }
        AlbEvent.Members members = new AlbEvent.Members();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int start = startOfToken(p);
            String name = p.currentName();
            JsonToken type = p.nextToken();
            List<String> values = null;
            if (type == JsonToken.VALUE_STRING) {
                values = List.of(p.getText());
            } else if (type == JsonToken.START_ARRAY) {
                values = strings(p);
            } else {
                skipValue(p, type);
            }
            String lowerName = headers ? name.toLowerCase(Locale.ROOT) : name;
            members.add(new AlbEvent.Member(name, lowerName, type, values, start, endOfToken(p)));
        }
        return members;
    }

    /** The items of an array: its strings, or null when it is empty or holds anything else (skipped). */
    private static List<String> strings(JsonParser p) throws IOException {
        List<String> strings = new ArrayList<>(2);
        boolean allStrings = true;
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (item == JsonToken.VALUE_STRING) {
                strings.add(p.getText());
            } else {
                allStrings = false;
                skipValue(p, item);
            }
        }
        return allStrings && !strings.isEmpty() ? strings : null;
    }

    /** {@code requestContext}: the type of {@code elb} and of its {@code targetGroupArn}; other fields skipped. */
    private static void requestContext(JsonParser p, AlbEvent event, JsonToken value) throws IOException {
        event.elbType = null;
        event.targetGroupArnType = null;
        if (value != JsonToken.START_OBJECT) {
            skipValue(p, value);
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean elb = p.currentName().equals("elb");
            JsonToken elbValue = p.nextToken();
            if (!elb) {
                skipValue(p, elbValue);
                continue;
            }
            if (event.elbType != null && event.duplicateContextField == null) {
                event.duplicateContextField = "elb";
            }
            event.elbType = elbValue;
            event.targetGroupArnType = null;
            if (elbValue != JsonToken.START_OBJECT) {
                skipValue(p, elbValue);
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean arn = p.currentName().equals("targetGroupArn");
                JsonToken arnValue = p.nextToken();
                if (!arn) {
                    skipValue(p, arnValue);
                    continue;
                }
                if (event.targetGroupArnType != null && event.duplicateContextField == null) {
                    event.duplicateContextField = "targetGroupArn";
                }
                event.targetGroupArnType = arnValue;
                event.targetGroupArnStart = startOfToken(p);
                text(p, arnValue);
                event.targetGroupArnEnd = endOfToken(p);
            }
        }
    }

    /** Moves past the value that starts with {@code first}, parsing all of it (a string included). */
    private static void skipValue(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_STRING) {
            p.finishToken();
        } else {
            p.skipChildren();
        }
    }

    /** Where the current token starts in the raw event (a name: its opening quote). */
    private static int startOfToken(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** Where the current token ends in the raw event (a string's must be read or finished first). */
    private static int endOfToken(JsonParser p) {
        return (int) p.currentLocation().getByteOffset();
    }

    /**
     * The UTF-8 form of an event in UTF-16 or UTF-32, told apart as RFC 4627 (section 3) does: by a byte order mark,
     * or by where the zero bytes of the first, ASCII, character are.
     */
    private static byte[] reencode(byte[] raw) {
        return new String(raw, encoding(raw)).getBytes(StandardCharsets.UTF_8);
    }

    private static Charset encoding(byte[] b) {
        int n = b.length;
        int b0 = n > 0 ? b[0] & 0xff : -1;
        int b1 = n > 1 ? b[1] & 0xff : -1;
        int b2 = n > 2 ? b[2] & 0xff : -1;
        int b3 = n > 3 ? b[3] & 0xff : -1;
        if (n >= 4 && ((b0 == 0 && b1 == 0 && b2 == 0xfe && b3 == 0xff) || (b0 == 0 && b1 == 0 && b2 == 0))) {
            return Charset.forName("UTF-32BE");
        }
        if (n >= 4 && ((b0 == 0xff && b1 == 0xfe && b2 == 0 && b3 == 0) || (b1 == 0 && b2 == 0 && b3 == 0))) {
            return Charset.forName("UTF-32LE");
        }
        if ((b0 == 0xfe && b1 == 0xff) || b0 == 0) {
            return StandardCharsets.UTF_16BE;
        }
        if ((b0 == 0xff && b1 == 0xfe) || b1 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * Reads {@code headers} (single-value mode) or {@code multiValueHeaders}, whose types are checked: names
     * lower-cased and checked, values checked, client-sent {@code x-router-*} headers left out (the worker event
     * leaves them out too). A name that comes twice, in any case, is a 400.
     */
    private static Map<String, List<String>> readHeaders(AlbEvent.Members members) throws ProblemException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (members == null) {
            return headers;
        }
        for (AlbEvent.Member header : members.list) {
            String name = header.lowerName();
            if (name.startsWith(ROUTER_HEADER_PREFIX)) {
                continue;
            }
            List<String> values = header.values();
            for (int i = 0; i < values.size(); i++) {
                checkHeaderValue(values.get(i));
            }
            if (headers.put(checkHeaderName(name), values) != null) {
                throw new ProblemException(Problem.badRequest("The load balancer event has a header name more than"
                        + " once (names are case-insensitive); an ALB sends each header once."));
            }
            if (headers.size() > MAX_HEADERS) {
                throw tooManyHeaders();
            }
        }
        return headers;
    }

    /**
     * Reads {@code queryStringParameters} or {@code multiValueQueryStringParameters}, whose types are checked. Names
     * that decode alike are merged; a name that comes twice as it is sent is a 400.
     */
    private static Map<String, List<String>> readQuery(AlbEvent.Members members) throws ProblemException {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (members == null) {
            return query;
        }
        List<AlbEvent.Member> list = members.list;
        for (int i = 0; i < list.size(); i++) {
            AlbEvent.Member parameter = list.get(i);
            String name = percentDecode(parameter.name());
            List<String> decoded = query.get(name);
            if (decoded == null) {
                decoded = new ArrayList<>();
                query.put(name, decoded);
            } else if (namedBefore(list, i)) {
                throw new ProblemException(Problem.badRequest(
                        "The load balancer event has a query parameter name more than once; an ALB sends each once."));
            }
            List<String> values = parameter.values();
            for (int v = 0; v < values.size(); v++) {
                decoded.add(percentDecode(values.get(v)));
            }
            if (query.size() > MAX_QUERY_PARAMETERS) {
                throw new ProblemException(
                        Problem.badRequest("The request has more than " + MAX_QUERY_PARAMETERS + " query parameters."));
            }
        }
        return query;
    }

    /** Whether a member before the {@code i}th has its name. */
    private static boolean namedBefore(List<AlbEvent.Member> members, int i) {
        String name = members.get(i).name();
        for (int j = 0; j < i; j++) {
            if (members.get(j).name().equals(name)) {
                return true;
            }
        }
        return false;
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

    private int bodySize(AlbEvent event) throws ProblemException {
        if (event.type[AlbEvent.BODY] != JsonToken.VALUE_STRING) {
            return 0;
        }
        boolean base64 = event.type[AlbEvent.IS_BASE64_ENCODED] == JsonToken.VALUE_TRUE;
        long size;
        if (base64) {
            if ((long) event.bodyLength * 3 / 4 > MAX_BODY_BYTES + 3) {
                throw tooLarge();
            }
            try {
                size = base64Length(event);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        Problem.badRequest("The request body is marked base64 but is not valid base64."));
            }
        } else {
            size = event.bodyUtf8Length;
        }
        if (size > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return (int) size;
    }

    /**
     * The decoded length of a base64 body; {@link IllegalArgumentException} when it is not base64. Decoded from the raw
     * bytes between the quotes when they are the body's UTF-8 as it is, which is when they are as many (a JSON escape
     * is longer than the UTF-8 of what it stands for); else from the body read again as a string.
     */
    private int base64Length(AlbEvent event) {
        int start = event.bodyStart;
        int end = event.end[AlbEvent.BODY];
        if (end - start - 2 == event.bodyUtf8Length) {
            return Base64.getDecoder()
                    .decode(ByteBuffer.wrap(event.raw, start + 1, end - start - 2))
                    .remaining();
        }
        try (JsonParser p = json.createParser(event.raw, start, end - start)) {
            p.nextToken();
            return Base64.getDecoder().decode(p.getText()).length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read again a string it read", e);
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(Problem.tooLarge(
                "The request body exceeds the 1 MB (1,048,576 bytes) limit of a Lambda target behind an ALB."));
    }

    /** The length in UTF-8 of {@code length} characters of {@code s} from {@code offset} (a lone surrogate: 3). */
    private static long utf8Length(char[] s, int offset, int length) {
        long n = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = s[i];
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s[i + 1])) {
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

    static String checkHeaderName(String name) throws ProblemException {
        if (!HttpTokens.isToken(name, MAX_HEADER_NAME_LENGTH)) {
            throw new ProblemException(Problem.badRequest("A header name is not a valid HTTP token."));
        }
        return name;
    }

    static String checkHeaderValue(String value) throws ProblemException {
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

    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
