package dev.lambdarouter.workers.support;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only view of an ALB request event that looks the same in both header modes: single-value
 * ({@code headers}, {@code queryStringParameters}) and multi-value ({@code multiValueHeaders},
 * {@code multiValueQueryStringParameters}). Header names are matched case-insensitively; query names and
 * values are percent-decoded (the ALB passes them on as the client sent them).
 */
public final class AlbRequest {

    /**
     * JMESPath for Powertools' correlation id: the {@code x-amzn-trace-id} header in either header mode.
     * Use with {@code PowertoolsLogging.withLogging(context, CORRELATION_ID_PATH, event, ...)}.
     */
    public static final String CORRELATION_ID_PATH =
            "headers.\"x-amzn-trace-id\" || multiValueHeaders.\"x-amzn-trace-id\"[0]";

    private final ApplicationLoadBalancerRequestEvent event;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> query;

    private AlbRequest(ApplicationLoadBalancerRequestEvent event) {
        this.event = event;
        this.headers = lowerCaseKeys(
                event.getMultiValueHeaders() != null
                        ? event.getMultiValueHeaders()
                        : singleToMulti(event.getHeaders()));
        this.query = decoded(
                event.getMultiValueQueryStringParameters() != null
                        ? event.getMultiValueQueryStringParameters()
                        : singleToMulti(event.getQueryStringParameters()));
    }

    /** Wraps an event; the event itself is not copied or changed. */
    public static AlbRequest of(ApplicationLoadBalancerRequestEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("ALB request event is null");
        }
        return new AlbRequest(event);
    }

    /** True when the target group sends (and expects back) multi-value headers. */
    public boolean multiValueHeaders() {
        return event.getMultiValueHeaders() != null;
    }

    /** The HTTP method, upper-case ({@code GET} when the event has none). */
    public String method() {
        String method = event.getHttpMethod();
        return method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    }

    /** The path as received ({@code /} when the event has none). */
    public String path() {
        String path = event.getPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The first value of a header, or {@code null} when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All decoded values of a query parameter, in the order received; empty when absent. */
    public List<String> queryValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** All decoded query parameters, in the order received. */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /**
     * The body bytes: base64-decoded when the event says so, else the UTF-8 bytes of the text; empty when absent.
     *
     * @throws IllegalArgumentException when {@code isBase64Encoded} is true but the body is not valid base64
     */
    public byte[] body() {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("request body is marked isBase64Encoded but is not valid base64", e);
        }
    }

    private static Map<String, List<String>> singleToMulti(Map<String, String> single) {
        if (single == null) {
            return Map.of();
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        single.forEach((name, value) -> multi.put(name, value == null ? List.of() : List.of(value)));
        return multi;
    }

    private static Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> source) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        source.forEach((name, values) -> result.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values == null ? List.of() : values));
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, List<String>> decoded(Map<String, List<String>> source) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        source.forEach((name, values) -> {
            List<String> target = result.computeIfAbsent(percentDecode(name), k -> new ArrayList<>());
            if (values != null) {
                values.forEach(value -> target.add(percentDecode(value)));
            }
        });
        result.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(result);
    }

    private static String percentDecode(String raw) {
        if (raw == null) {
            return "";
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return raw; // keep what the client sent rather than failing the request
        }
    }
}
