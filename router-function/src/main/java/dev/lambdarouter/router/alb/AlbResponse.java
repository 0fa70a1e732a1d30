package dev.lambdarouter.router.alb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer for the ALB, independent of header mode ({@link AlbResponseEncoder} picks the mode).
 *
 * @param status          HTTP status
 * @param headers         header name to values, in insertion order
 * @param body            body text, or base64 text when {@code base64Encoded}; may be null
 * @param base64Encoded   whether {@code body} is base64
 */
public record AlbResponse(int status, Map<String, List<String>> headers, String body, boolean base64Encoded) {

    /** A JSON answer. */
    public static AlbResponse json(int status, String contentType, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(capacityFor(1));
        headers.put("content-type", List.of(contentType));
        return new AlbResponse(status, headers, body, false);
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
        return new AlbResponse(status, copy, body, base64Encoded);
    }

    /** A hash map capacity that holds {@code entries} without growing. */
    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }
}
