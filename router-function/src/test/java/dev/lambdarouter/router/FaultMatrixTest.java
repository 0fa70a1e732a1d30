package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteSource;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteSource;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.router.observability.DispatchTracer;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The fault matrix: workers that throttle, fail, crash, hang, return garbage, or do not exist, behind a real HTTP
 * Lambda Invoke API on loopback, called through the production SDK client configuration. For each fault: the
 * client's status and problem type, how many invocations were made (retries), and the circuit state after.
 */
class FaultMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK =
            "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"ok\"}";

    private static FakeLambdaServer lambda;
    private static LambdaClient client;
    private static final Map<String, String> SAVED = new HashMap<>();

    @BeforeAll
    static void start() {
        lambda = new FakeLambdaServer().start();
        lambda.register("throttled", FakeLambdaServer.throttle(1));
        lambda.register("crashing", FakeLambdaServer.fail("Runtime.ExitError", "process exited before completing"));
        lambda.register("failing", FakeLambdaServer.fail("IllegalStateException", "boom"));
        lambda.register("failing-always-retry", FakeLambdaServer.fail("IllegalStateException", "boom"));
        lambda.register("hanging", FakeLambdaServer.hang(Duration.ofSeconds(3)));
        lambda.register("garbage", FakeLambdaServer.respond("<html>not json</html>"));
        lambda.register(
                "lying-base64",
                FakeLambdaServer.respond("{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"));
        lambda.register(
                "crlf-header",
                FakeLambdaServer.respond(
                        "{\"statusCode\":200,\"headers\":{\"x-a\":\"1\\r\\nSet-Cookie: evil=1\"},\"body\":\"\"}"));
        lambda.register("lambda-5xx", FakeLambdaServer.serviceError(500, "ServiceException", "internal"));
        lambda.register(
                "flaky-then-ok", FakeLambdaServer.sequence(FakeLambdaServer.throttle(0), FakeLambdaServer.respond(OK)));
        lambda.register("healthy", FakeLambdaServer.respond(OK));
        lambda.register(
                "fallback",
                FakeLambdaServer.respond(
                        "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"fallback\"}"));
        lambda.register("shadow", FakeLambdaServer.hang(Duration.ofMillis(1500)));
        // Credentials resolve lazily: the properties stay set until the client is closed.
        Map.of(
                        "aws.endpointUrlLambda",
                        lambda.endpoint().toString(),
                        "aws.region",
                        "us-east-1",
                        "aws.accessKeyId",
                        "test",
                        "aws.secretAccessKey",
                        "test")
                .forEach((k, v) -> {
                    SAVED.put(k, System.getProperty(k));
                    System.setProperty(k, v);
                });
        client = LambdaDispatcher.defaultClient(); // production HTTP client, timeouts and retry strategy
    }

    @AfterAll
    static void stop() {
        client.close();
        lambda.close();
        SAVED.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private static String route(String name, String function, String extra) {
        return """
                {"name":"%s","priority":%d,"match":{"paths":[{"prefix":"/%s"}]},
                 "targets":[{"function":"%s","weight":1}]%s}""".formatted(name, Math.abs(name.hashCode() % 100000), name, function, extra);
    }

    private static RequestRouter router(String... routes) {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteSource(
                        "1",
                        List.of(new RouteSource(
                                "/lambda-router/test/routes/all", "[" + String.join(",", routes) + "]"))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        return new RequestRouter(
                settings, tables, new LambdaDispatcher(client), DispatchTracer.NONE, null, new Randomness(), JSON);
    }

    private static JsonNode send(RequestRouter router, String method, String path) throws Exception {
        String event = """
                {"httpMethod":"%s","path":"%s","headers":{"host":"api.example.com","x-user":"u1"},
                 "body":"{}","isBase64Encoded":false}""".formatted(method, path);
        return JSON.readTree(router.handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)));
    }

    private static String problemType(JsonNode response) throws Exception {
        if (!response.get("headers").path("content-type").asText().equals("application/problem+json")) {
            return null;
        }
        return JSON.readTree(response.get("body").asText())
                .get("type")
                .asText()
                .replace("urn:lambda-router:problem:", "");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // fault, function, method, route options, status, problem type, invocations
                Arguments.of("throttled (Retry-After 1 s), retried once", "throttled", "GET", "", 503, "throttled", 2),
                Arguments.of("function error, idempotent GET: retried", "failing", "GET", "", 502, "worker-failed", 2),
                Arguments.of("function error, POST: not retried", "failing", "POST", "", 502, "worker-failed", 1),
                Arguments.of(
                        "function error, POST, policy always",
                        "failing-always-retry",
                        "POST",
                        ",\"retry\":{\"maxAttempts\":3,\"functionErrors\":\"always\",\"baseDelayMs\":1}",
                        502,
                        "worker-failed",
                        3),
                Arguments.of("crash (Runtime.ExitError), POST", "crashing", "POST", "", 502, "worker-failed", 1),
                Arguments.of("hang past the route timeout", "hanging", "GET", ",\"timeoutMs\":300", 504, "timeout", 1),
                Arguments.of("garbage (not JSON)", "garbage", "GET", "", 502, "invalid-worker-response", 1),
                Arguments.of("isBase64Encoded that lies", "lying-base64", "GET", "", 502, "invalid-worker-response", 1),
                Arguments.of("CR/LF in a header value", "crlf-header", "GET", "", 502, "invalid-worker-response", 1),
                Arguments.of("Lambda service 5xx: SDK retries", "lambda-5xx", "GET", "", 502, "lambda-unavailable", 3),
                Arguments.of("function does not exist", "not-deployed", "GET", "", 502, "worker-not-found", 1),
                Arguments.of("throttled once, then fine", "flaky-then-ok", "GET", "", 200, null, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultGivesAClearAnswer(
            String fault, String function, String method, String options, int status, String problem, int invocations)
            throws Exception {
        lambda.clearInvocations();
        RequestRouter router = router(route("r", function, options));
        JsonNode response = send(router, method, "/r");
        assertEquals(status, response.get("statusCode").asInt(), fault + ": " + response);
        assertEquals(problem, problemType(response), fault);
        assertEquals(invocations, lambda.invocationsOf(function).size(), fault + ": invocations");
        assertEquals("CLOSED", router.circuitState(function), "one failure does not open the circuit");
        assertFalse(response.toString().contains("boom"), "worker error text never reaches the client");
        if (status == 503) {
            assertTrue(response.get("headers").has("retry-after"));
        }
    }

    @Test
    void aFailingTargetOpensItsCircuitAndTheFallbackServes() throws Exception {
        lambda.clearInvocations();
        RequestRouter router = router(route("guarded", "crashing", ",\"fallback\":\"fallback\""));
        for (int i = 0; i < 10; i++) {
            assertEquals(502, send(router, "POST", "/guarded").get("statusCode").asInt());
        }
        assertEquals("OPEN", router.circuitState("crashing"));
        int before = lambda.invocationsOf("crashing").size();
        JsonNode response = send(router, "POST", "/guarded");
        assertEquals(200, response.get("statusCode").asInt(), response.toString());
        assertEquals("fallback", response.get("body").asText());
        assertEquals(before, lambda.invocationsOf("crashing").size(), "an open circuit sends nothing");
    }

    @Test
    void withoutAFallbackAnOpenCircuitIs503WithRetryAfter() throws Exception {
        lambda.clearInvocations();
        RequestRouter router = router(route("unguarded", "crashing", ""));
        for (int i = 0; i < 10; i++) {
            send(router, "POST", "/unguarded");
        }
        JsonNode response = send(router, "POST", "/unguarded");
        assertEquals(503, response.get("statusCode").asInt());
        assertEquals("no-healthy-target", problemType(response));
        assertEquals("5", response.get("headers").get("retry-after").asText());
    }

    @Test
    void weightedSelectionSkipsATargetWhoseCircuitIsOpen() throws Exception {
        lambda.clearInvocations();
        RequestRouter router = router("""
                {"name":"split","priority":1,"match":{"paths":[{"prefix":"/split"}]},
                 "targets":[{"function":"crashing","weight":50},{"function":"healthy","weight":50}]}""");
        int served = 0;
        for (int i = 0; i < 60; i++) {
            if (send(router, "POST", "/split").get("statusCode").asInt() == 200) {
                served++;
            }
        }
        assertEquals("OPEN", router.circuitState("crashing"));
        int crashingCalls = lambda.invocationsOf("crashing").size();
        assertTrue(crashingCalls <= 15, "the breaker stops traffic after about 10 failures: " + crashingCalls);
        assertEquals(60 - crashingCalls, served);
    }

    @Test
    void mirroredCopiesNeverChangeTheClientsAnswer() throws Exception {
        lambda.clearInvocations();
        RequestRouter router =
                router(route("mirrored", "healthy", ",\"mirror\":{\"function\":\"shadow\",\"percent\":100}"));
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            JsonNode response = send(router, "GET", "/mirrored");
            long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertEquals(200, response.get("statusCode").asInt());
            assertEquals("ok", response.get("body").asText());
            assertTrue(
                    elapsedMs < 1000,
                    "the shadow hangs 1.5 s per copy, yet the client never waits for it: " + elapsedMs + " ms");
        }
        assertTrue(router.mirror().drain(Duration.ofSeconds(15)));
        assertEquals(3, lambda.invocationsOf("shadow").size());
        assertTrue(lambda.invocationsOf("shadow").stream()
                .allMatch(c -> c.invocationType().equals("Event")));
    }
}
