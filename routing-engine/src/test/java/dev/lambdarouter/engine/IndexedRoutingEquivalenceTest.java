package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property-style check: on many randomly generated tables and requests (seeded, so reproducible), the indexed
 * {@link RoutingTable#route} gives the same route and path parameters as an independent, deliberately naive
 * reference: a linear scan in precedence order with matching written straight from the configuration reference.
 */
class IndexedRoutingEquivalenceTest {
    private static final String[] EXACT_HOSTS = {
        "api.example.com", "shop.example.com", "a.b.example.com", "example.com", "other.io", "API.Example.com"
    };
    private static final String[] WILDCARD_HOSTS = {"*.example.com", "*.b.example.com", "*.io"};
    private static final String[] REQUEST_HOSTS = {
        "api.example.com",
        "shop.example.com",
        "a.b.example.com",
        "zz.b.example.com",
        "example.com",
        ".example.com",
        "x.example.com",
        "other.io",
        "foo.io",
        "io",
        "unknown.net",
        null
    };
    private static final String[] EXACT_PATHS = {"/", "/health", "/orders", "/orders/1", "/api/v1/users"};
    private static final String[] PREFIXES = {"/", "/orders", "/orders/", "/api", "/api/v1", "/static", "/acme"};
    private static final String[] GLOBS = {
        "/static/**/*.css", "/*/health", "/orders/*", "/**", "/api/v?/users", "/**/items", "/orders/**", "/*"
    };
    private static final String[] TEMPLATES = {
        "/orders/{id}", "/{tenant}/orders", "/api/{v}/users/{u}", "/orders/{id}/items/{item}", "/{a}"
    };
    private static final String[] REQUEST_PATHS = {
        "/",
        "/health",
        "/orders",
        "/orders/",
        "/orders/1",
        "/orders/1/items/2",
        "/ordersX",
        "/static/a/b.css",
        "/static/x.css",
        "/static/x.js",
        "/acme/orders",
        "/api/v1/users",
        "/api/v10/users",
        "/api/v1/users/9",
        "/x/health",
        "/items",
        "/a/b/items",
        "//orders",
        "/orders//items/3",
        "/acme",
        "*"
    };
    private static final String[] HEADER_CRITERIA = {
        "{\"name\":\"x-canary\",\"exact\":\"1\"}",
        "{\"name\":\"x-tenant\",\"present\":true}",
        "{\"name\":\"x-tenant\",\"present\":false}",
        "{\"name\":\"User-Agent\",\"regex\":\".*Mobile.*\"}"
    };
    private static final String[] SOURCE_IPS = {"10.1.2.3", "11.0.0.1", "2001:db8::5", "2001:db9::5", null};

    @Test
    void indexedRoutingAgreesWithALinearScan() throws ConfigValidationException {
        SplittableRandom random = new SplittableRandom(20261123L);
        int matched = 0;
        int matchedBeyondFirstRoute = 0;
        int decisions = 0;
        for (int tableCase = 0; tableCase < 300; tableCase++) {
            List<RefRoute> refs = new ArrayList<>();
            List<String> json = new ArrayList<>();
            int size = 1 + random.nextInt(60);
            for (int i = 0; i < size; i++) {
                RefRoute ref = randomRoute(random, "r" + (1000 + random.nextInt(9000)) + "-" + i);
                refs.add(ref);
                json.add(ref.json());
            }
            RoutingTable table = RoutingTable.compile(
                    "v" + tableCase,
                    List.of(new RouteParameter("/test/" + tableCase, "[" + String.join(",", json) + "]")));
            refs.sort(Comparator.comparingInt(RefRoute::priority).thenComparing(RefRoute::name));
            assertEquals(
                    refs.stream().map(RefRoute::name).toList(),
                    table.routes().stream().map(Route::name).toList());

            for (int requestCase = 0; requestCase < 200; requestCase++) {
                RefRequest request = randomRequest(random);
                Optional<RouteDecision> actual = table.route(request.build(), new SplittableRandom(1));
                RefRoute expected = refs.stream()
                        .filter(r -> r.matches(request))
                        .findFirst()
                        .orElse(null);
                String context = "table " + tableCase + ", request " + request + "\n" + String.join("\n", json);
                assertEquals(
                        expected == null ? null : expected.name(),
                        actual.map(d -> d.route().name()).orElse(null),
                        context);
                if (expected != null) {
                    assertEquals(
                            expected.captures(request.path),
                            assertInstanceOf(RouteDecision.Dispatch.class, actual.get())
                                    .pathParameters(),
                            context);
                    matched++;
                    if (refs.indexOf(expected) > 0) {
                        matchedBeyondFirstRoute++;
                    }
                }
                decisions++;
            }
        }
        // The generator must exercise both outcomes, and winners beyond the first route, for the comparison to mean
        // something.
        String stats =
                matched + " of " + decisions + " matched, " + matchedBeyondFirstRoute + " beyond the first route";
        assertTrue(matched > decisions / 10 && matched < decisions * 9 / 10, stats);
        assertTrue(matchedBeyondFirstRoute > decisions / 4, stats);
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static RefRoute randomRoute(SplittableRandom random, String name) {
        RefRoute route = new RefRoute(name, random.nextInt(20));
        if (random.nextInt(10) >= 2) {
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                route.hosts.add(random.nextBoolean() ? pick(random, EXACT_HOSTS) : pick(random, WILDCARD_HOSTS));
            }
        }
        if (random.nextInt(10) >= 1) {
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> route.paths.add(new String[] {"exact", pick(random, EXACT_PATHS)});
                    case 1 -> route.paths.add(new String[] {"prefix", pick(random, PREFIXES)});
                    case 2 -> route.paths.add(new String[] {"glob", pick(random, GLOBS)});
                    default -> route.paths.add(new String[] {"template", pick(random, TEMPLATES)});
                }
            }
        }
        if (random.nextInt(10) >= 6) {
            route.methods.add(random.nextBoolean() ? "GET" : "post");
        }
        if (random.nextInt(10) >= 7) {
            route.headers.add(pick(random, HEADER_CRITERIA));
        }
        if (random.nextInt(10) == 0) {
            route.query = true;
        }
        if (random.nextInt(10) == 0) {
            route.cidr = random.nextBoolean() ? "10.0.0.0/8" : "2001:db8::/32";
        }
        return route;
    }

    private static RefRequest randomRequest(SplittableRandom random) {
        RefRequest request = new RefRequest(
                random.nextInt(3) == 0 ? "POST" : "GET",
                pick(random, REQUEST_HOSTS),
                pick(random, REQUEST_PATHS),
                pick(random, SOURCE_IPS));
        if (random.nextBoolean()) {
            request.headers.put("x-canary", List.of(random.nextBoolean() ? "1" : "0"));
        }
        if (random.nextBoolean()) {
            request.headers.put("x-tenant", List.of("t"));
        }
        if (random.nextBoolean()) {
            request.headers.put("user-agent", List.of(random.nextBoolean() ? "Mozilla Mobile" : "curl"));
        }
        if (random.nextBoolean()) {
            request.query.put("v", List.of("2"));
        }
        return request;
    }

    /** A request plus the raw fields the reference matcher reads. */
    private static final class RefRequest {
        final String method;
        final String host;
        final String path;
        final String sourceIp;
        final Map<String, List<String>> headers = new HashMap<>();
        final Map<String, List<String>> query = new HashMap<>();

        RefRequest(String method, String host, String path, String sourceIp) {
            this.method = method;
            this.host = host;
            this.path = path;
            this.sourceIp = sourceIp;
        }

        RoutingRequest build() {
            return new RoutingRequest(method, host, path, headers, query, sourceIp);
        }

        @Override
        public String toString() {
            return method + " " + host + " " + path + " " + headers + " " + query + " from " + sourceIp;
        }
    }

    /** The reference: a route kept in its configuration form, matched naively. */
    private static final class RefRoute {
        final String name;
        final int priority;
        final List<String> hosts = new ArrayList<>();
        final List<String[]> paths = new ArrayList<>();
        final List<String> methods = new ArrayList<>();
        final List<String> headers = new ArrayList<>();
        boolean query;
        String cidr;

        RefRoute(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        String name() {
            return name;
        }

        int priority() {
            return priority;
        }

        String json() {
            List<String> match = new ArrayList<>();
            if (!hosts.isEmpty()) {
                match.add("\"hosts\":[\"" + String.join("\",\"", new LinkedHashSet<>(hosts)) + "\"]");
            }
            if (!paths.isEmpty()) {
                match.add("\"paths\":["
                        + String.join(
                                ",",
                                paths.stream()
                                        .map(p -> "{\"" + p[0] + "\":\"" + p[1] + "\"}")
                                        .toList()) + "]");
            }
            if (!methods.isEmpty()) {
                match.add("\"methods\":[\"" + methods.get(0) + "\"]");
            }
            if (!headers.isEmpty()) {
                match.add("\"headers\":[" + headers.get(0) + "]");
            }
            if (query) {
                match.add("\"query\":[{\"name\":\"v\",\"exact\":\"2\"}]");
            }
            if (cidr != null) {
                match.add("\"sourceCidrs\":[\"" + cidr + "\"]");
            }
            return "{\"name\":\"" + name + "\",\"priority\":" + priority + ",\"match\":{" + String.join(",", match)
                    + "},\"targets\":[{\"function\":\"f\",\"weight\":1}]}";
        }

        boolean matches(RefRequest request) {
            return (hosts.isEmpty() || hosts.stream().anyMatch(h -> hostMatches(h, request.host)))
                    && (paths.isEmpty() || paths.stream().anyMatch(p -> pathMatches(p, request.path)))
                    && (methods.isEmpty() || methods.get(0).equalsIgnoreCase(request.method))
                    && (headers.isEmpty() || headerMatches(headers.get(0), request.headers))
                    && (!query || List.of("2").equals(request.query.get("v")))
                    && (cidr == null || cidrMatches(cidr, request.sourceIp));
        }

        Map<String, String> captures(String path) {
            for (String[] p : paths) {
                if (pathMatches(p, path)) {
                    if (!p[0].equals("template")) {
                        return Map.of();
                    }
                    Map<String, String> values = new HashMap<>();
                    String[] names = p[1].split("/", -1);
                    String[] segments = path.split("/", -1);
                    for (int i = 0; i < names.length; i++) {
                        if (names[i].startsWith("{")) {
                            values.put(names[i].substring(1, names[i].length() - 1), segments[i]);
                        }
                    }
                    return values;
                }
            }
            return Map.of();
        }

        private static boolean hostMatches(String pattern, String host) {
            if (host == null) {
                return false;
            }
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                return host.endsWith(suffix) && host.length() > suffix.length();
            }
            return pattern.equalsIgnoreCase(host);
        }

        private static boolean pathMatches(String[] pattern, String path) {
            String value = pattern[1];
            switch (pattern[0]) {
                case "exact" -> {
                    return path.equals(value);
                }
                case "prefix" -> {
                    return value.endsWith("/")
                            ? path.startsWith(value)
                            : path.equals(value) || path.startsWith(value + "/");
                }
                case "glob" -> {
                    return Pattern.matches(globRegex(value), path);
                }
                default -> {
                    String[] names = value.split("/", -1);
                    String[] segments = path.split("/", -1);
                    if (!path.startsWith("/") || names.length != segments.length) {
                        return false;
                    }
                    for (int i = 1; i < names.length; i++) {
                        boolean parameter = names[i].startsWith("{");
                        if (parameter ? segments[i].isEmpty() : !names[i].equals(segments[i])) {
                            return false;
                        }
                    }
                    return true;
                }
            }
        }

        private static String globRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (String segment : glob.substring(1).split("/", -1)) {
                if (segment.equals("**")) {
                    regex.append("(?:/[^/]*)*");
                    continue;
                }
                regex.append('/');
                for (int i = 0; i < segment.length(); i++) {
                    char c = segment.charAt(i);
                    regex.append(c == '*' ? "[^/]*" : c == '?' ? "[^/]" : Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }

        private static boolean headerMatches(String criterion, Map<String, List<String>> headers) {
            List<String> canary = headers.get("x-canary");
            List<String> tenant = headers.get("x-tenant");
            List<String> agent = headers.get("user-agent");
            if (criterion.contains("x-canary")) {
                return canary != null && canary.contains("1");
            }
            if (criterion.contains("true")) {
                return tenant != null;
            }
            if (criterion.contains("false")) {
                return tenant == null;
            }
            return agent != null && agent.stream().anyMatch(v -> v.contains("Mobile"));
        }

        private static boolean cidrMatches(String cidr, String ip) {
            if (ip == null) {
                return false;
            }
            return cidr.startsWith("10.") ? ip.startsWith("10.") : ip.startsWith("2001:db8:");
        }
    }
}
