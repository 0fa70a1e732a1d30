package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a realistic routing configuration of N routes, plus for each route a request written to hit it.
 *
 * <p>Routes come in services of ten ({@code /api/svc<s>/...}), five services per host
 * ({@code api<g>.example.com}): a weighted default (90/10), a sticky order-detail template, a header canary, a
 * wildcard-host tenant route, a static-asset glob, a health check answered by a fixed response, a mobile
 * (user-agent regex) or tenant-header route on any host, a cookie-sticky template, an admin route limited by
 * method and source CIDR, and an async v2 route selected by query parameter with three weighted targets. One
 * route is global (any host, any path, header {@code x-debug} present), so every request also scans the
 * unindexable bucket. Sources hold ten routes each, like SSM parameters under the 4 KB limit.
 */
final class RealisticRouteTable {
    private static final String[] KINDS = {
        "default", "order", "canary", "tenant-host", "assets", "health", "any-host", "reviews", "admin", "v2"
    };

    private final List<RouteParameter> sources = new ArrayList<>();
    private final List<RoutingRequest> requests = new ArrayList<>();
    private final List<String> routeNames = new ArrayList<>();

    RealisticRouteTable(int routeCount) {
        int services = (routeCount + 9) / 10;
        int hosts = Math.max(1, services / 5);
        List<String> chunk = new ArrayList<>();
        for (int i = 0; i < routeCount; i++) {
            int service = i / 10;
            int kind = i % 10;
            String host = "api" + (service % hosts) + ".example.com";
            String name = "svc" + service + "-" + KINDS[kind];
            chunk.add(route(name, kind, service, host, "t" + (service % hosts) + ".example.com"));
            requests.add(request(kind, service, host, "t" + (service % hosts) + ".example.com"));
            routeNames.add(name);
            if (chunk.size() == 10 || i == routeCount - 1) {
                sources.add(new RouteParameter(
                        "/lambda-router/bench/routes/part" + sources.size(), "[" + String.join(",", chunk) + "]"));
                chunk.clear();
            }
        }
    }

    List<RouteParameter> sources() {
        return sources;
    }

    /** The request written to hit route {@code index} (in generation order). */
    RoutingRequest requestFor(int index) {
        return requests.get(index);
    }

    String routeName(int index) {
        return routeNames.get(index);
    }

    int size() {
        return requests.size();
    }

    /** A request for a known host and first segment that no route matches. */
    static RoutingRequest unroutedRequest() {
        return httpRequest(
                "GET",
                "api0.example.com",
                "/api/no-such-service/orders/42",
                "198.51.100.7",
                Map.of("x-user-id", List.of("u-42")),
                Map.of());
    }

    private static String route(String name, int kind, int s, String host, String tenantDomain) {
        String svc = "svc" + s;
        String onHost = "\"hosts\":[\"" + host + "\"]";
        String base = "/api/" + svc;
        switch (kind) {
            case 0 -> {
                return json(
                        name,
                        900_000 + s,
                        "{" + onHost + ",\"paths\":[{\"prefix\":\"" + base + "\"}]}",
                        targets(svc + "-v1", 90, svc + "-v2", 10),
                        "");
            }
            case 1 -> {
                return json(
                        name,
                        10_000 + s * 10 + 1,
                        "{" + onHost + ",\"paths\":[{\"template\":\"" + base
                                + "/orders/{id}\"}],\"methods\":[\"GET\"]}",
                        targets(svc + "-v1", 80, svc + "-v2", 20),
                        ",\"stickiness\":{\"type\":\"header\",\"name\":\"x-user-id\"}");
            }
            case 2 -> {
                return json(
                        name,
                        5_000 + s,
                        "{" + onHost + ",\"paths\":[{\"prefix\":\"" + base + "\"}],"
                                + "\"headers\":[{\"name\":\"x-canary\",\"exact\":\"true\"}]}",
                        targets(svc + "-canary", 1),
                        "");
            }
            case 3 -> {
                return json(
                        name,
                        20_000 + s,
                        "{\"hosts\":[\"*." + tenantDomain + "\"],\"paths\":[{\"prefix\":\"" + base + "\"}]}",
                        targets(svc + "-v1", 1),
                        "");
            }
            case 4 -> {
                return json(
                        name,
                        30_000 + s,
                        "{" + onHost + ",\"paths\":[{\"glob\":\"" + base + "/static/**/*.css\"}]}",
                        targets(svc + "-assets", 1),
                        "");
            }
            case 5 -> {
                return "{\"name\":\"" + name + "\",\"priority\":" + (1_000 + s) + ",\"match\":{" + onHost
                        + ",\"paths\":[{\"exact\":\"" + base + "/health\"}]},\"fixedResponse\":{\"status\":200,"
                        + "\"contentType\":\"application/json\",\"body\":\"{\\\"status\\\":\\\"ok\\\"}\"}}";
            }
            case 6 -> {
                if (s == 0) {
                    return json(
                            name,
                            40_000,
                            "{\"headers\":[{\"name\":\"x-debug\",\"present\":true}]}",
                            targets("debug-recorder", 1),
                            "");
                }
                if (s % 5 == 0) {
                    return json(
                            name,
                            40_000 + s,
                            "{\"paths\":[{\"prefix\":\"" + base + "\"}],"
                                    + "\"headers\":[{\"name\":\"x-tenant\",\"exact\":\"tenant" + s + "\"}]}",
                            targets(svc + "-tenant", 1),
                            "");
                }
                return json(
                        name,
                        40_000 + s,
                        "{\"paths\":[{\"prefix\":\"" + base + "/mobile\"}],"
                                + "\"headers\":[{\"name\":\"user-agent\",\"regex\":\".*Mobile.*\"}]}",
                        targets(svc + "-mobile", 1),
                        "");
            }
            case 7 -> {
                return json(
                        name,
                        10_000 + s * 10 + 7,
                        "{" + onHost + ",\"paths\":[{\"template\":\"" + base + "/items/{item}/reviews/{review}\"}]}",
                        targets(svc + "-reviews-a", 50, svc + "-reviews-b", 50),
                        ",\"stickiness\":{\"type\":\"cookie\",\"name\":\"session\"}");
            }
            case 8 -> {
                return json(
                        name,
                        2_000 + s,
                        "{" + onHost + ",\"paths\":[{\"prefix\":\"" + base + "/admin\"}],"
                                + "\"methods\":[\"POST\",\"PUT\",\"DELETE\"],\"sourceCidrs\":[\"10.0.0.0/8\",\"fd00::/8\"]}",
                        targets(svc + "-admin", 1),
                        "");
            }
            default -> {
                return json(
                        name,
                        3_000 + s,
                        "{" + onHost + ",\"paths\":[{\"prefix\":\"" + base + "/v2\"}],"
                                + "\"query\":[{\"name\":\"version\",\"exact\":\"2\"}]}",
                        "[{\"function\":\"" + svc + "-v2a\",\"weight\":70},{\"function\":\"" + svc
                                + "-v2b\",\"weight\":20},"
                                + "{\"function\":\"arn:aws:lambda:eu-west-1:123456789012:function:" + svc
                                + "-v2c:live\","
                                + "\"weight\":10}]",
                        ",\"mode\":\"async\"");
            }
        }
    }

    private static RoutingRequest request(int kind, int s, String host, String tenantDomain) {
        String base = "/api/svc" + s;
        switch (kind) {
            case 0 -> {
                return httpRequest("GET", host, base + "/orders", "198.51.100.7", Map.of(), Map.of());
            }
            case 1 -> {
                return httpRequest(
                        "GET",
                        host,
                        base + "/orders/42",
                        "198.51.100.7",
                        Map.of("x-user-id", List.of("u-42")),
                        Map.of());
            }
            case 2 -> {
                return httpRequest(
                        "GET", host, base + "/orders", "198.51.100.7", Map.of("x-canary", List.of("true")), Map.of());
            }
            case 3 -> {
                return httpRequest("GET", "acme." + tenantDomain, base + "/orders", "198.51.100.7", Map.of(), Map.of());
            }
            case 4 -> {
                return httpRequest("GET", host, base + "/static/css/site.css", "198.51.100.7", Map.of(), Map.of());
            }
            case 5 -> {
                return httpRequest("GET", host, base + "/health", "198.51.100.7", Map.of(), Map.of());
            }
            case 6 -> {
                if (s == 0) {
                    return httpRequest(
                            "GET",
                            "www.example.net",
                            "/home",
                            "198.51.100.7",
                            Map.of("x-debug", List.of("1")),
                            Map.of());
                }
                if (s % 5 == 0) {
                    return httpRequest(
                            "GET",
                            "www.example.net",
                            base + "/reports",
                            "198.51.100.7",
                            Map.of("x-tenant", List.of("tenant" + s)),
                            Map.of());
                }
                return httpRequest("GET", "www.example.net", base + "/mobile/feed", "198.51.100.7", Map.of(), Map.of());
            }
            case 7 -> {
                return httpRequest(
                        "GET",
                        host,
                        base + "/items/9/reviews/3",
                        "198.51.100.7",
                        Map.of("cookie", List.of("theme=dark; session=s-1234567890abcdef")),
                        Map.of());
            }
            case 8 -> {
                return httpRequest("POST", host, base + "/admin/users", "10.1.2.3", Map.of(), Map.of());
            }
            default -> {
                return httpRequest(
                        "GET", host, base + "/v2/orders", "198.51.100.7", Map.of(), Map.of("version", List.of("2")));
            }
        }
    }

    /** A request with the headers a browser behind an ALB typically sends, plus {@code extraHeaders}. */
    private static RoutingRequest httpRequest(
            String method,
            String host,
            String path,
            String sourceIp,
            Map<String, List<String>> extraHeaders,
            Map<String, List<String>> query) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of(host));
        headers.put("accept", List.of("application/json"));
        headers.put("accept-encoding", List.of("gzip, deflate, br"));
        headers.put(
                "user-agent",
                List.of(
                        path.contains("/mobile")
                                ? "Mozilla/5.0 (iPhone) Mobile/15E148"
                                : "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0"));
        headers.put("x-forwarded-for", List.of(sourceIp));
        headers.put("x-forwarded-proto", List.of("https"));
        headers.put("x-forwarded-port", List.of("443"));
        headers.put("x-amzn-trace-id", List.of("Root=1-67891233-abcdef012345678912345678"));
        headers.putAll(extraHeaders);
        return new RoutingRequest(method, host, path, headers, query, sourceIp);
    }

    private static String json(String name, int priority, String match, String targets, String extra) {
        return "{\"name\":\"" + name + "\",\"priority\":" + priority + ",\"match\":" + match + ",\"targets\":" + targets
                + extra + "}";
    }

    private static String targets(String function, int weight) {
        return "[{\"function\":\"" + function + "\",\"weight\":" + weight + "}]";
    }

    private static String targets(String first, int firstWeight, String second, int secondWeight) {
        return "[{\"function\":\"" + first + "\",\"weight\":" + firstWeight + "},{\"function\":\"" + second
                + "\",\"weight\":" + secondWeight + "}]";
    }
}
