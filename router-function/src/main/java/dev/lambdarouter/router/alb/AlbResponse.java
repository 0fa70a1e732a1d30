package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer for the ALB, independent of header mode ({@link AlbResponseEncoder} picks the mode). A value, as a
 * record would be: equal when status, headers, body and {@code base64Encoded} are.
 *
 * <p>A worker's body that is plain ASCII JSON text (the usual JSON API answer, and every base64 body) is kept as
 * the worker wrote it, escapes and all, and the encoder copies those bytes into the ALB answer: the router neither
 * decodes it into a string nor escapes it again. {@link #body()} decodes it when asked.
 */
public final class AlbResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final boolean base64Encoded;
    private final byte[] json; // when not null: the body, JSON-escaped, is json[bodyStart, bodyEnd)
    private final int bodyStart;
    private final int bodyEnd;
    private String body; // decoded from json when first asked (the same text whichever thread does it)

    /**
     * @param status        HTTP status
     * @param headers       header name to values, in insertion order
     * @param body          body text, or base64 text when {@code base64Encoded}; may be null
     * @param base64Encoded whether {@code body} is base64
     */
    public AlbResponse(int status, Map<String, List<String>> headers, String body, boolean base64Encoded) {
        this(status, headers, body, base64Encoded, null, 0, 0);
    }

    private AlbResponse(
            int status,
            Map<String, List<String>> headers,
            String body,
            boolean base64Encoded,
            byte[] json,
            int bodyStart,
            int bodyEnd) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.base64Encoded = base64Encoded;
        this.json = json;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
    }

    /**
     * An answer whose body is the JSON string content {@code json[start, end)}: ASCII, escaped as JSON requires
     * (the caller checked it is), without its quotes.
     */
    static AlbResponse withJsonBody(
            int status, Map<String, List<String>> headers, byte[] json, int start, int end, boolean base64Encoded) {
        return new AlbResponse(status, headers, null, base64Encoded, json, start, end);
    }

    /** A JSON answer. */
    public static AlbResponse json(int status, String contentType, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(capacityFor(1));
        headers.put("content-type", List.of(contentType));
        return new AlbResponse(status, headers, body, false);
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** Header name to values, in insertion order. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Body text, or base64 text when {@link #base64Encoded()}; may be null. */
    public String body() {
        String text = body;
        if (text == null && json != null) {
            text = JsonText.decode(json, bodyStart, bodyEnd);
            body = text;
        }
        return text;
    }

    /** Whether {@link #body()} is base64. */
    public boolean base64Encoded() {
        return base64Encoded;
    }

    /** Whether the body is kept as JSON text: {@link #jsonBody()} and its bounds. */
    boolean hasJsonBody() {
        return json != null;
    }

    byte[] jsonBody() {
        return json;
    }

    int jsonBodyStart() {
        return bodyStart;
    }

    int jsonBodyEnd() {
        return bodyEnd;
    }

    /** A copy with one more header (replacing any header of that name, compared case-insensitively). */
    public AlbResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(capacityFor(headers.size() + 1));
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!header.getKey().equalsIgnoreCase(name)) {
                copy.put(header.getKey(), header.getValue());
            }
        }
        copy.put(name, List.of(value));
        return new AlbResponse(status, copy, body, base64Encoded, json, bodyStart, bodyEnd);
    }

    /** A hash map capacity that holds {@code entries} without growing. */
    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlbResponse other
                && status == other.status
                && base64Encoded == other.base64Encoded
                && Objects.equals(headers, other.headers)
                && Objects.equals(body(), other.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, body(), base64Encoded);
    }

    @Override
    public String toString() {
        return "AlbResponse[status=" + status + ", headers=" + headers + ", body=" + body() + ", base64Encoded="
                + base64Encoded + "]";
    }

    /** Decodes JSON string content (rare: the encoder copies it as it is). */
    private static final class JsonText {

        private static final JsonFactory JSON = new JsonFactory();

        static String decode(byte[] json, int start, int end) {
            // The content with its quotes: one JSON string.
            try (JsonParser p = JSON.createParser(json, start - 1, end - start + 2)) {
                p.nextToken();
                return p.getText();
            } catch (IOException e) {
                throw new UncheckedIOException("a JSON body the reader accepted cannot be decoded", e);
            }
        }
    }
}
