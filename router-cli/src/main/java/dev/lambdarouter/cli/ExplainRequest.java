package dev.lambdarouter.cli;

import dev.lambdarouter.engine.RequestReading;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.TargetPick;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request {@code routes explain} is asked about, from its command line (method, URL, {@code -H} headers,
 * {@code --cookie}, {@code --source-ip}), as the router would see it after the load balancer: the host from the
 * {@code Host} header (the URL's host unless a {@code -H 'Host: ...'} overrides it, as with curl), without port;
 * header names lower-cased; query names and values percent-decoded ({@code +} as a space); the client address from
 * {@code --source-ip}, else the last {@code X-Forwarded-For} entry, as the router takes it.
 */
final class ExplainRequest {
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,32}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    private final String method;
    private final String url;
    private final String host;
    private final String path;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> query;
    private final String sourceIp;

    private ExplainRequest(
            String method,
            String url,
            String host,
            String path,
            Map<String, List<String>> headers,
            Map<String, List<String>> query,
            String sourceIp) {
        this.method = method;
        this.url = url;
        this.host = host;
        this.path = path;
        this.headers = headers;
        this.query = query;
        this.sourceIp = sourceIp;
    }

    /**
     * Parses the command line's request.
     *
     * @throws CliException a usage error naming what is malformed
     */
    static ExplainRequest parse(
            String method, String url, List<String> headerLines, List<String> cookies, String sourceIp) {
        if (!METHOD.matcher(method).matches()) {
            throw CliException.usage("method '" + method + "' is not an HTTP method (letters only, e.g. GET)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.usage("URL '" + url + "' is malformed: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
                    + " (expected http(s)://host/path?query; quote it in the shell)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw CliException.usage("URL '" + url + "' must be absolute with a host: http(s)://host/path?query, e.g."
                    + " https://shop.example.com/orders/42");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", new ArrayList<>(List.of(uri.getHost())));
        boolean hostGiven = false;
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).trim();
            if (colon < 0 || !HEADER_NAME.matcher(name).matches()) {
                throw CliException.usage("-H '" + line + "': expected 'name: value' with a header name of letters,"
                        + " digits and !#$%&'*+.^_`|~-");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (lower.equals("host") && !hostGiven) {
                headers.remove("host");
                hostGiven = true;
            }
            headers.computeIfAbsent(lower, n -> new ArrayList<>()).add(value);
        }
        if (!cookies.isEmpty()) {
            for (String cookie : cookies) {
                if (cookie.indexOf('=') <= 0) {
                    throw CliException.usage("--cookie '" + cookie + "': expected name=value");
                }
            }
            headers.computeIfAbsent("cookie", n -> new ArrayList<>()).add(String.join("; ", cookies));
        }
        if (sourceIp != null && !RoutingRequest.isIpLiteral(sourceIp)) {
            throw CliException.usage("--source-ip '" + sourceIp + "' is not an IPv4 or IPv6 address literal");
        }
        String client = sourceIp != null ? sourceIp : RequestReading.clientAddress(headers.get("x-forwarded-for"));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new ExplainRequest(
                method.toUpperCase(Locale.ROOT),
                url,
                RequestReading.host(headers.get("host").get(0)),
                path,
                headers,
                query(uri.getRawQuery()),
                client);
    }

    /** The request as the engine routes it. */
    RoutingRequest routing() {
        return new RoutingRequest(method, host, path, headers, query, sourceIp);
    }

    /** The request with {@code key} as its sticky key from {@code source}: a simulated client. */
    RoutingRequest withStickyKey(TargetPick.StickySource source, String key) {
        switch (source.kind()) {
            case "header" -> {
                Map<String, List<String>> changed = new LinkedHashMap<>(headers);
                changed.put(source.name().toLowerCase(Locale.ROOT), List.of(key));
                return new RoutingRequest(method, host, path, changed, query, sourceIp);
            }
            case "cookie" -> {
                // The simulated cookie first: the first occurrence of a name wins.
                Map<String, List<String>> changed = new LinkedHashMap<>(headers);
                List<String> cookies = new ArrayList<>();
                cookies.add(source.name() + "=" + key);
                cookies.addAll(headers.getOrDefault("cookie", List.of()));
                changed.put("cookie", cookies);
                return new RoutingRequest(method, host, path, changed, query, sourceIp);
            }
            default -> {
                return new RoutingRequest(method, host, path, headers, query, key);
            }
        }
    }

    String method() {
        return method;
    }

    String url() {
        return url;
    }

    String host() {
        return host;
    }

    String path() {
        return path;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    Map<String, List<String>> query() {
        return query;
    }

    /** The client address, or {@code null} when not given. */
    String sourceIp() {
        return sourceIp;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String raw) {
        try {
            return RequestReading.queryComponent(raw);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("the query has invalid percent-encoding: '" + raw + "'");
        }
    }
}
