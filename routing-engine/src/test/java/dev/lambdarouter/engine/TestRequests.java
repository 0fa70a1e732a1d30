package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link RoutingRequest}s for tests. */
final class TestRequests {
    private final String method;
    private final String host;
    private final String path;
    private final Map<String, List<String>> headers = new HashMap<>();
    private final Map<String, List<String>> query = new HashMap<>();
    private String sourceIp;

    private TestRequests(String method, String host, String path) {
        this.method = method;
        this.host = host;
        this.path = path;
    }

    static TestRequests request(String method, String host, String path) {
        return new TestRequests(method, host, path);
    }

    static TestRequests get(String host, String path) {
        return request("GET", host, path);
    }

    TestRequests header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    TestRequests query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    TestRequests sourceIp(String ip) {
        this.sourceIp = ip;
        return this;
    }

    RoutingRequest build() {
        return new RoutingRequest(method, host, path, headers, query, sourceIp);
    }
}
