package dev.lambdarouter.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the routing engine sees it. The router builds it from the ALB event.
 *
 * <p>Normalisation: the host is lower-cased (the caller strips the port; {@code null} when unknown), the method is
 * upper-cased, header names are lower-cased. The path is the raw path as received (not percent-decoded); query
 * parameter names and values are percent-decoded by the caller.
 */
public final class RoutingRequest {
    private final String method;
    private final String host;
    private final String path;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> queryParams;
    private final String sourceIp;
    /**
     * The parsed {@link #sourceIp}, computed on first use ({@code null} until then); empty when absent or not an IP
     * literal. One field, holding an immutable value, so a racing reader sees either nothing or the whole result.
     */
    private Optional<IpAddress> parsedSourceIp;

    public RoutingRequest(
            String method,
            String host,
            String path,
            Map<String, List<String>> headers,
            Map<String, List<String>> queryParams,
            String sourceIp) {
        this.method = upperCase(Objects.requireNonNull(method, "method"));
        this.host = host == null ? null : lowerCase(host);
        this.path = Objects.requireNonNull(path, "path");
        this.headers = lowerCaseKeys(Objects.requireNonNull(headers, "headers"));
        this.queryParams = Objects.requireNonNull(queryParams, "queryParams");
        this.sourceIp = sourceIp;
    }

    public String method() {
        return method;
    }

    /** Lower-case host without port, or {@code null} when the request carried none. */
    public String host() {
        return host;
    }

    /** The raw request path, e.g. {@code /orders/42}. */
    public String path() {
        return path;
    }

    /** Header values by lower-case name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Percent-decoded query parameter values by name. */
    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    /** The client address (IPv4 or IPv6 literal), or {@code null} when unknown. */
    public String sourceIp() {
        return sourceIp;
    }

    /** The first value of a header, or {@code null} when absent. */
    public String firstHeader(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The value of a cookie parsed from the {@code cookie} header(s) ({@code name=value; name2=value2}), with
     * surrounding double quotes removed; {@code null} when absent. The first occurrence wins.
     */
    public String cookie(String name) {
        List<String> values = headers.get("cookie");
        if (values == null) {
            return null;
        }
        for (String header : values) {
            if (header == null) {
                continue;
            }
            String value = findCookie(header, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * Whether {@code text} is an IPv4 or IPv6 literal the engine can match against {@code sourceCidrs}; a request
     * whose source IP is not one matches no source CIDR.
     */
    public static boolean isIpLiteral(String text) {
        return text != null && IpAddress.parse(text) != null;
    }

    /** The parsed source address, or {@code null} when absent or not an IP literal. */
    IpAddress sourceAddress() {
        Optional<IpAddress> parsed = parsedSourceIp;
        if (parsed == null) {
            parsed = Optional.ofNullable(sourceIp == null ? null : IpAddress.parse(sourceIp.trim()));
            parsedSourceIp = parsed;
        }
        return parsed.orElse(null);
    }

    private static String findCookie(String header, String name) {
        int length = header.length();
        int pairStart = 0;
        while (pairStart < length) {
            int pairEnd = header.indexOf(';', pairStart);
            if (pairEnd < 0) {
                pairEnd = length;
            }
            int nameStart = skipSpaces(header, pairStart, pairEnd);
            int equals = header.indexOf('=', nameStart);
            if (equals > 0 && equals < pairEnd) {
                int nameEnd = trimEnd(header, nameStart, equals);
                if (nameEnd - nameStart == name.length() && header.startsWith(name, nameStart)) {
                    int valueStart = skipSpaces(header, equals + 1, pairEnd);
                    int valueEnd = trimEnd(header, valueStart, pairEnd);
                    if (valueEnd - valueStart >= 2
                            && header.charAt(valueStart) == '"'
                            && header.charAt(valueEnd - 1) == '"') {
                        valueStart++;
                        valueEnd--;
                    }
                    return header.substring(valueStart, valueEnd);
                }
            }
            pairStart = pairEnd + 1;
        }
        return null;
    }

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }

    private static String lowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c > 0x7f) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    private static String upperCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || c > 0x7f) {
                return s.toUpperCase(Locale.ROOT);
            }
        }
        return s;
    }

    private static Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> headers) {
        for (String name : headers.keySet()) {
            if (name != null && !lowerCase(name).equals(name)) {
                Map<String, List<String>> copy = new HashMap<>();
                headers.forEach((key, values) -> {
                    if (key != null) {
                        copy.merge(lowerCase(key), values, RoutingRequest::concat);
                    }
                });
                return copy;
            }
        }
        return headers;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> joined = new java.util.ArrayList<>(a);
        joined.addAll(b);
        return joined;
    }

    @Override
    public String toString() {
        return "RoutingRequest{" + method + " " + host + path + ", sourceIp=" + sourceIp + "}";
    }
}
