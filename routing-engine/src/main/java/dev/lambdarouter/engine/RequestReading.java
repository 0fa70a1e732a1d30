package dev.lambdarouter.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How a raw HTTP request becomes the parts a {@link RoutingRequest} matches on: the one definition the router (from
 * the ALB event) and {@code routes explain} (from a URL) both use, so they cannot read a request differently.
 */
public final class RequestReading {
    private RequestReading() {}

    /**
     * The host routes match: the {@code Host} header lower case, without a {@code :port} (an IPv6 literal keeps its
     * brackets); {@code null} when absent or empty.
     */
    public static String host(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(0, close + 1) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }

    /**
     * The client address: the LAST {@code X-Forwarded-For} entry, the one the load balancer appended (earlier
     * entries were sent by the client and cannot be trusted); {@code null} when there is none.
     */
    public static String clientAddress(List<String> forwardedFor) {
        if (forwardedFor == null || forwardedFor.isEmpty()) {
            return null;
        }
        String last = forwardedFor.get(forwardedFor.size() - 1);
        String entry = last.substring(last.lastIndexOf(',') + 1).trim();
        return entry.isEmpty() ? null : entry;
    }

    /**
     * One query name or value as routes match it: percent-decoded as UTF-8, {@code '+'} as a space (the load balancer
     * passes the query as the client sent it).
     *
     * @throws IllegalArgumentException on invalid percent-encoding
     */
    public static String queryComponent(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
