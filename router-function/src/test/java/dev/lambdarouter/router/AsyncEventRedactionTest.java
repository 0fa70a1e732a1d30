package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.dispatch.Invocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Events sent with Event invoke (async routes, mirror copies) sit in Lambda's async queue and, on failure, in the
 * failure destination for days: the router leaves the route's {@code asyncEvent.dropHeaders} (by default the
 * credential headers) out of them. RequestResponse events are forwarded whole.
 */
class AsyncEventRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CREDENTIALS = List.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "x-api-key",
            "x-amz-security-token",
            "x-amzn-oidc-accesstoken");
    private static final String ROUTES = """
            [{"name":"jobs","priority":10,"match":{"paths":[{"prefix":"/jobs"}]},"mode":"async",
              "targets":[{"function":"jobs","weight":1}]},
             {"name":"orders","priority":20,"match":{"paths":[{"prefix":"/orders"}]},
              "targets":[{"function":"orders","weight":1}]},
             {"name":"tenant-jobs","priority":30,"match":{"paths":[{"prefix":"/tenant-jobs"}]},"mode":"async",
              "targets":[{"function":"tenant-jobs","weight":1}],"asyncEvent":{"dropHeaders":["X-Tenant-Secret"]}},
             {"name":"open-jobs","priority":40,"match":{"paths":[{"prefix":"/open-jobs"}]},"mode":"async",
              "targets":[{"function":"open-jobs","weight":1}],"asyncEvent":{"dropHeaders":[]}},
             {"name":"shadowed","priority":50,"match":{"paths":[{"prefix":"/shadowed"}]},
              "targets":[{"function":"shadowed","weight":1}],"mirror":{"function":"shadow","percent":100}}]
            """;

    /** Records every invocation; sync workers answer 200, async ones are accepted. */
    private final BlockingQueue<Invocation> received = new LinkedBlockingQueue<>();

    private final List<String> rejections = new CopyOnWriteArrayList<>();

    private RequestRouter router(String routes) {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableListener listener = new RoutingTableListener() {
            @Override
            public void tableLoaded(RoutingTable table, long loadMillis) {}

            @Override
            public void tableRejected(String version, List<String> problems, RoutingTable stillInForce) {
                rejections.addAll(problems);
            }

            @Override
            public void sourceUnavailable(String message, RoutingTable stillInForce) {}
        };
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("1", List.of(new RouteParameter("/lambda-router/dev/routes/all", routes))),
                settings,
                listener,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        Dispatcher recording = invocation -> {
            received.add(invocation);
            return invocation.mode() == DispatchMode.ASYNC
                    ? new DispatchOutcome.Accepted("lambda-request-1")
                    : new DispatchOutcome.Responded(
                            "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
                            "lambda-request-1");
        };
        return RouterWiring.builder(settings, tables, recording)
                .mapper(JSON)
                .build()
                .router();
    }

    private static String singleValueEvent(String path) {
        return """
                {"httpMethod":"POST","path":"%s","queryStringParameters":{},
                 "headers":{"host":"api.example.com","content-type":"application/json","x-user-id":"alice",
                            "authorization":"Bearer secret-token","proxy-authorization":"Basic c2VjcmV0",
                            "cookie":"session=secret","x-api-key":"secret-key","x-amz-security-token":"secret-sts",
                            "x-amzn-oidc-accesstoken":"secret-oidc","x-tenant-secret":"secret-tenant"},
                 "body":"{}","isBase64Encoded":false}
                """.formatted(path);
    }

    private static String multiValueEvent(String path) {
        return """
                {"httpMethod":"POST","path":"%s","multiValueQueryStringParameters":{},
                 "multiValueHeaders":{"host":["api.example.com"],"x-user-id":["alice"],
                            "authorization":["Bearer secret-token"],"cookie":["a=secret","b=secret"],
                            "x-api-key":["secret-key"],"x-tenant-secret":["secret-tenant"]},
                 "body":"{}","isBase64Encoded":false}
                """.formatted(path);
    }

    private JsonNode send(RequestRouter router, String event) throws Exception {
        return JSON.readTree(router.handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)));
    }

    /** The next invocation of {@code function} (mirror copies may leave on another thread). */
    private Invocation invocationOf(String function) throws InterruptedException {
        List<Invocation> others = new ArrayList<>();
        try {
            for (Invocation next; (next = received.poll(5, TimeUnit.SECONDS)) != null; ) {
                if (next.functionName().equals(function)) {
                    return next;
                }
                others.add(next);
            }
            throw new AssertionError("no invocation of " + function + "; got " + others);
        } finally {
            received.addAll(others);
        }
    }

    private static JsonNode headers(Invocation invocation, String field) throws Exception {
        JsonNode headers = JSON.readTree(invocation.payload()).get(field);
        assertNotNull(headers, field + " missing");
        return headers;
    }

    @Test
    void anAsyncRouteSendsNoCredentialHeaders() throws Exception {
        assertEquals(
                202,
                send(router(ROUTES), singleValueEvent("/jobs/1"))
                        .get("statusCode")
                        .asInt());
        Invocation invocation = invocationOf("jobs");
        assertEquals(DispatchMode.ASYNC, invocation.mode());
        JsonNode headers = headers(invocation, "headers");
        for (String credential : CREDENTIALS) {
            assertFalse(headers.has(credential), credential + " left the router: " + headers);
        }
        assertFalse(new String(invocation.payload(), StandardCharsets.UTF_8).contains("secret-token"));
        assertEquals("alice", headers.get("x-user-id").asText(), "other client headers are kept");
        assertEquals("secret-tenant", headers.get("x-tenant-secret").asText(), "not in the default list");
        assertEquals("jobs", headers.get("x-router-route").asText(), "the router's headers are added");
    }

    @Test
    void multiValueHeadersAreRedactedToo() throws Exception {
        assertEquals(
                202,
                send(router(ROUTES), multiValueEvent("/jobs/1"))
                        .get("statusCode")
                        .asInt());
        JsonNode headers = headers(invocationOf("jobs"), "multiValueHeaders");
        assertFalse(headers.has("authorization"), headers.toString());
        assertFalse(headers.has("cookie"), headers.toString());
        assertFalse(headers.has("x-api-key"), headers.toString());
        assertEquals("alice", headers.get("x-user-id").get(0).asText());
        assertEquals("jobs", headers.get("x-router-route").get(0).asText());
    }

    @Test
    void aSyncRouteForwardsEveryHeader() throws Exception {
        assertEquals(
                200,
                send(router(ROUTES), singleValueEvent("/orders/1"))
                        .get("statusCode")
                        .asInt());
        JsonNode headers = headers(invocationOf("orders"), "headers");
        assertEquals("Bearer secret-token", headers.get("authorization").asText());
        assertEquals("session=secret", headers.get("cookie").asText());
        assertEquals("secret-key", headers.get("x-api-key").asText());
    }

    @Test
    void aRouteListReplacesTheDefault() throws Exception {
        send(router(ROUTES), multiValueEvent("/tenant-jobs/1"));
        JsonNode headers = headers(invocationOf("tenant-jobs"), "multiValueHeaders");
        assertFalse(headers.has("x-tenant-secret"), "listed (in another case): " + headers);
        assertEquals("Bearer secret-token", headers.get("authorization").get(0).asText(), "not listed");
    }

    @Test
    void anEmptyListForwardsEveryHeader() throws Exception {
        send(router(ROUTES), singleValueEvent("/open-jobs/1"));
        JsonNode headers = headers(invocationOf("open-jobs"), "headers");
        for (String credential : CREDENTIALS) {
            assertTrue(headers.has(credential), credential + " missing: " + headers);
        }
    }

    @Test
    void mirrorCopiesAreRedactedWhileTheSyncCallKeepsEverything() throws Exception {
        assertEquals(
                200,
                send(router(ROUTES), singleValueEvent("/shadowed/1"))
                        .get("statusCode")
                        .asInt());
        Invocation copy = invocationOf("shadow");
        assertEquals(DispatchMode.ASYNC, copy.mode());
        JsonNode copied = headers(copy, "headers");
        assertFalse(copied.has("authorization"), copied.toString());
        assertFalse(copied.has("cookie"), copied.toString());
        JsonNode primary = headers(invocationOf("shadowed"), "headers");
        assertEquals("Bearer secret-token", primary.get("authorization").asText());
        assertEquals("session=secret", primary.get("cookie").asText());
    }

    @Test
    void anInvalidListIsRejectedWithAClearProblem() throws Exception {
        RequestRouter router = router("""
                {"name":"jobs","priority":10,"mode":"async","targets":[{"function":"jobs"}],
                 "asyncEvent":{"dropHeaders":["bad header"]}}""");
        assertEquals(
                503, send(router, singleValueEvent("/jobs/1")).get("statusCode").asInt());
        assertEquals(
                List.of("/lambda-router/dev/routes/all: route 'jobs': asyncEvent.dropHeaders[0]: 'bad header' is not"
                        + " a valid header name"),
                rejections);
        assertTrue(received.isEmpty());
    }
}
