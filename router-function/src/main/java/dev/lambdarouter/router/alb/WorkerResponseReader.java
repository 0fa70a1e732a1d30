package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a worker's ALB response before it reaches the load balancer: JSON object, integer
 * {@code statusCode} in 100..599, header names that are HTTP tokens, values without CR, LF or NUL, a string body,
 * a body that really is base64 when {@code isBase64Encoded} says so, and the 1 MB ALB response limit.
 * Accepts either {@code headers} or {@code multiValueHeaders} (or both) from the worker; a header in both gets the
 * values of {@code headers} first.
 *
 * <p>One pass of a streaming parser, no tree: the answer check runs on every routed request. The whole payload must
 * be one JSON value (nothing but whitespace after it), and a key may appear only once in the response object and in
 * each header object: a duplicate would leave it to the parser which of two values counts, so it is rejected.
 * Header values may be strings, numbers or booleans (the latter two as their JSON text, as before). When a payload
 * has several defects, the message names the first in this order: not JSON, not an object, a duplicate key,
 * {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body}, {@code isBase64Encoded}, base64.
 */
public final class WorkerResponseReader {

    /** Lambda to ALB: responses above 1 MB are rejected by the load balancer. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private static final String NOT_JSON = "the worker response is not valid JSON";

    private final JsonFactory json;

    /** @param json the parser factory (its stream read constraints apply to worker answers too) */
    public WorkerResponseReader(JsonFactory json) {
        this.json = json;
    }

    /**
     * The worker's answer, checked.
     *
     * @throws InvalidWorkerResponseException when the ALB would reject it, or it is ambiguous; the message says
     *     why in the router's words (it becomes the client's 502 problem detail), never echoing the payload
     */
    public AlbResponse read(byte[] payload) throws InvalidWorkerResponseException {
        if (payload == null || payload.length == 0) {
            throw new InvalidWorkerResponseException("the worker returned an empty response");
        }
        if (payload.length > MAX_RESPONSE_BYTES) {
            throw new InvalidWorkerResponseException("the worker response is " + payload.length
                    + " bytes, above the 1 MB (1,048,576 bytes) ALB limit for Lambda responses");
        }
        Check check = new Check(payload);
        try (JsonParser p = json.createParser(payload)) {
            check.document(p);
        } catch (JsonProcessingException e) {
            throw new InvalidWorkerResponseException(NOT_JSON);
        } catch (IOException e) {
            throw new InvalidWorkerResponseException("the worker response could not be read");
        }
        return check.response();
    }

    /**
     * One payload's check. A defect found while reading is remembered (the first found of the first {@link Defect}
     * kind in the check order), the rest of the payload is still read, so that a payload that is not JSON says so whatever else it
     * has; the response is only built when nothing was found.
     */
    private static final class Check {

        /** The keys of the response object that mean something, as bits of {@link #seen}. */
        private static final int STATUS = 1, HEADERS = 2, MULTI = 4, BODY = 8, BASE64 = 16, DESCRIPTION = 32;

        private final byte[] payload;
        private int seen;
        private Set<String> otherKeys; // keys the ALB does not know, only kept to find a duplicate
        private int status;
        private Map<String, List<String>> headers;
        private Map<String, List<String>> multiValueHeaders;
        private String body;
        private int bodyStart = -1; // when >= 0: the body is payload[bodyStart, bodyEnd), ASCII JSON string content
        private int bodyEnd;
        private boolean bodyEscaped; // that content has escapes
        private boolean base64;
        private Defect defect;
        private String message;

        Check(byte[] payload) {
            this.payload = payload;
        }

        void document(JsonParser p) throws IOException, InvalidWorkerResponseException {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                object(p);
            } else {
                p.skipChildren();
                found(Defect.NOT_OBJECT, "the worker response is not a JSON object");
            }
            if (first != null && p.nextToken() != null) {
                // More after the first value: not one JSON document.
                throw new InvalidWorkerResponseException(NOT_JSON);
            }
        }

        private void object(JsonParser p) throws IOException {
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                int bit = bit(key);
                if (bit == 0 ? !otherKey(key) : (seen & bit) != 0) {
                    found(Defect.DUPLICATE, "the worker response has a duplicate key");
                    p.skipChildren();
                    continue;
                }
                seen |= bit;
                switch (bit) {
                    case STATUS -> statusCode(p, value);
                    case HEADERS -> headers = headers(p, value, false);
                    case MULTI -> multiValueHeaders = headers(p, value, true);
                    case BODY -> body(p, value);
                    case BASE64 -> base64Flag(p, value);
                    default -> p.skipChildren(); // statusDescription (the router writes its own) and unknown keys
                }
            }
            if ((seen & STATUS) == 0) {
                found(Defect.STATUS, "the worker response has no integer statusCode");
            }
        }

        private static int bit(String key) {
            return switch (key) {
                case "statusCode" -> STATUS;
                case "headers" -> HEADERS;
                case "multiValueHeaders" -> MULTI;
                case "body" -> BODY;
                case "isBase64Encoded" -> BASE64;
                case "statusDescription" -> DESCRIPTION;
                default -> 0;
            };
        }

        /** Whether {@code key} (not one the ALB knows) is new. */
        private boolean otherKey(String key) {
            if (otherKeys == null) {
                otherKeys = new HashSet<>();
            }
            return otherKeys.add(key);
        }

        private void statusCode(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                p.skipChildren();
                found(Defect.STATUS, "the worker response has no integer statusCode");
                return;
            }
            int code = p.getIntValue();
            if (code < 100 || code > 599) {
                found(Defect.STATUS_RANGE, "the worker response statusCode " + code + " is outside 100..599");
            }
            status = code;
        }

        /** A header object, or null when it is JSON null (or after a defect: only the check's verdict counts). */
        private Map<String, List<String>> headers(JsonParser p, JsonToken value, boolean multi) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            Defect rank = multi ? Defect.MULTI_VALUE_HEADERS : Defect.HEADERS;
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                found(rank, "the worker response " + (multi ? "multiValueHeaders" : "headers") + " is not an object");
                return null;
            }
            Map<String, List<String>> into = new LinkedHashMap<>(8);
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (!matters(rank)) {
                    p.skipChildren(); // an earlier defect decides the verdict
                } else if (!HttpTokens.isToken(name, Integer.MAX_VALUE)) {
                    p.skipChildren();
                    found(rank, "the worker response has an invalid header name");
                } else if (into.containsKey(name)) {
                    p.skipChildren();
                    found(rank, "the worker response has a header name twice in one header object");
                } else if (!multi) {
                    String s = headerValue(p, v, rank);
                    into.put(name, s == null ? List.of() : List.of(s));
                } else if (v != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    found(rank, "the worker response multiValueHeaders values must be arrays");
                } else {
                    into.put(name, values(p, rank));
                }
            }
            return into;
        }

        /** The values of a {@code multiValueHeaders} array, the parser at its start. */
        private List<String> values(JsonParser p, Defect rank) throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return List.of();
            }
            String first = headerValue(p, t, rank);
            t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return first == null ? List.of() : List.of(first);
            }
            List<String> values = new ArrayList<>(4);
            values.add(first);
            do {
                values.add(headerValue(p, t, rank));
            } while ((t = p.nextToken()) != JsonToken.END_ARRAY);
            return values;
        }

        /** The text of a header value (a string, number or boolean), or null after noting a defect. */
        private String headerValue(JsonParser p, JsonToken t, Defect rank) throws IOException {
            String s = switch (t) {
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT ->
                    switch (p.getNumberType()) {
                        case INT -> Integer.toString(p.getIntValue());
                        case LONG -> Long.toString(p.getLongValue());
                        default -> p.getBigIntegerValue().toString();
                    };
                case VALUE_NUMBER_FLOAT -> Double.toString(p.getDoubleValue());
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                default -> null; // null, object, array
            };
            if (s == null) {
                p.skipChildren();
                found(rank, "the worker response has a header value that is not a string");
                return null;
            }
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    found(rank, "the worker response has a header value containing CR, LF or NUL");
                    return null;
                }
            }
            return s;
        }

        /**
         * A string body that is ASCII is only delimited here: the parser checks it as it skips it, and the encoder
         * copies it as it is. Other text is decoded.
         */
        private void body(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                long quote = p.currentTokenLocation().getByteOffset();
                int end = quote >= 0 && quote < payload.length && payload[(int) quote] == '"'
                        ? asciiContentEnd((int) quote + 1)
                        : -1;
                if (end < 0) {
                    body = p.getText();
                } else {
                    bodyStart = (int) quote + 1;
                    bodyEnd = end;
                }
            } else if (value != JsonToken.VALUE_NULL) {
                p.skipChildren();
                found(Defect.BODY, "the worker response body is not a string");
            }
        }

        /**
         * The index of the quote that ends the JSON string content starting at {@code from}, or -1 when the content
         * is not all ASCII (or has no end: the parser then says the payload is not JSON).
         */
        private int asciiContentEnd(int from) {
            byte[] json = payload;
            for (int i = from; i < json.length; i++) {
                byte b = json[i];
                if (b == '"') {
                    return i;
                }
                if (b == '\\') {
                    bodyEscaped = true;
                    i++; // the escaped character (the rest of a \\uXXXX escape is hex digits)
                } else if (b < 0) {
                    return -1;
                }
            }
            return -1;
        }

        private void base64Flag(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                base64 = value == JsonToken.VALUE_TRUE;
            } else if (value != JsonToken.VALUE_NULL) {
                p.skipChildren();
                found(Defect.BASE64_FLAG, "the worker response isBase64Encoded is not a boolean");
            }
        }

        /** Whether a defect of {@code rank} could still be the one reported. */
        private boolean matters(Defect rank) {
            return defect == null || rank.compareTo(defect) < 0;
        }

        private void found(Defect rank, String why) {
            if (matters(rank)) {
                defect = rank;
                message = why;
            }
        }

        AlbResponse response() throws InvalidWorkerResponseException {
            if (defect == null && base64 && !base64Body()) {
                found(Defect.BASE64_BODY, "the worker response says isBase64Encoded but its body is not valid base64");
            }
            if (defect != null) {
                throw new InvalidWorkerResponseException(message);
            }
            if (bodyStart >= 0) {
                return AlbResponse.withJsonBody(status, merged(), payload, bodyStart, bodyEnd, base64);
            }
            return new AlbResponse(status, merged(), body, base64);
        }

        /** Whether the body (if any) is base64: checked on the payload's bytes, unless it has escapes to decode. */
        private boolean base64Body() {
            if (bodyStart < 0) {
                return body == null || isBase64(body);
            }
            if (!bodyEscaped) {
                return isBase64(payload, bodyStart, bodyEnd);
            }
            return isBase64(AlbResponse.withJsonBody(0, Map.of(), payload, bodyStart, bodyEnd, true)
                    .body());
        }

        /** {@code headers}, then {@code multiValueHeaders}: a name in both gets the values of both, in that order. */
        private Map<String, List<String>> merged() {
            if (multiValueHeaders == null || multiValueHeaders.isEmpty()) {
                return headers == null ? new LinkedHashMap<>() : headers;
            }
            if (headers == null || headers.isEmpty()) {
                return multiValueHeaders;
            }
            Map<String, List<String>> all = new LinkedHashMap<>(headers);
            multiValueHeaders.forEach((name, values) -> all.merge(name, values, WorkerResponseReader::concat));
            return all;
        }
    }

    /**
     * Whether {@link java.util.Base64#getDecoder()} would decode {@code s} (RFC 4648 alphabet, no line breaks;
     * padding optional, but when present it must be right and end the text), without decoding it.
     */
    static boolean isBase64(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isBase64Digit(s.charAt(i))) {
            i++;
        }
        return i == n ? i % 4 != 1 : paddingEnds(i, n - i, s.charAt(i), i + 1 < n ? s.charAt(i + 1) : 0);
    }

    /** {@link #isBase64(String)} of the ASCII text {@code ascii[start, end)}. */
    static boolean isBase64(byte[] ascii, int start, int end) {
        int i = start;
        while (i < end && isBase64Digit((char) ascii[i])) {
            i++;
        }
        int digits = i - start;
        return i == end ? digits % 4 != 1 : paddingEnds(digits, end - i, ascii[i], i + 1 < end ? ascii[i + 1] : 0);
    }

    /**
     * Whether what follows {@code digits} base64 digits ({@code rest} characters, the first two given) is the
     * padding that ends the text: "==" after 2 digits of a group, "=" after 3. (When the digits end the text, it is
     * base64 unless a group has 1 digit only: too few bits for a byte.)
     */
    private static boolean paddingEnds(int digits, int rest, int first, int second) {
        if (first != '=') {
            return false;
        }
        return switch (digits % 4) {
            case 2 -> rest == 2 && second == '=';
            case 3 -> rest == 1;
            default -> false;
        };
    }

    private static boolean isBase64Digit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first.size() + then.size());
        all.addAll(first);
        all.addAll(then);
        return all;
    }

    /** What can be wrong with a worker response, in the order the first one found is reported. */
    private enum Defect {
        NOT_OBJECT,
        DUPLICATE,
        STATUS,
        STATUS_RANGE,
        HEADERS,
        MULTI_VALUE_HEADERS,
        BODY,
        BASE64_FLAG,
        BASE64_BODY
    }
}
