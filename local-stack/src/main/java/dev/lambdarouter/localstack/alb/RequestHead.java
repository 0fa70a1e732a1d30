package dev.lambdarouter.localstack.alb;

import java.util.List;
import java.util.Map;

/**
 * The request line and header lines of an HTTP/1.x request, as received.
 *
 * @param method  e.g. {@code GET}
 * @param target  the request target as sent (still percent-encoded), e.g. {@code /orders?id=1}
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers header lines in order, names as sent
 */
record RequestHead(String method, String target, String version, List<Map.Entry<String, String>> headers) {

    /** The first value of a header (names compared case-insensitively), or {@code null}. */
    String first(String name) {
        return all(name).stream().findFirst().orElse(null);
    }

    /** Every value of a header, in order. */
    List<String> all(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .toList();
    }

    String rawPath() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The query string without {@code ?}, or {@code null} when the target has none. */
    String rawQuery() {
        int query = target.indexOf('?');
        return query < 0 ? null : target.substring(query + 1);
    }
}
