package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final AtomicInteger SHADOW_ACCEPTED = new AtomicInteger();
    private static final CountDownLatch STUCK_SHADOW_RELEASED = new CountDownLatch(1);

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
        lambda.register("invalid-answer", FakeLambdaServer.respond("{\"statusCode\":\"teapot\"}"));
        lambda.register(
                "throttled-then-retry-after-7",
                FakeLambdaServer.sequence(
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(0),
                        FakeLambdaServer.throttle(7)));
        lambda.register("shadow", payload -> {
            sleepQuietly(Duration.ofMillis(20));
            SHADOW_ACCEPTED.incrementAndGet();
            return FakeLambdaServer.Reply.of(200, "{}".getBytes(StandardCharsets.UTF_8));
        });
        lambda.register("stuck-shadow", payload -> {
            awaitQuietly(STUCK_SHADOW_RELEASED);
            return FakeLambdaServer.Reply.of(200, "{}".getBytes(StandardCharsets.UTF_8));
        });
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
        STUCK_SHADOW_RELEASED.countDown();
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

    private static RouterWiring router(String... routes) {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository(
                        "1",
                        List.of(new RouteParameter(
                                "/lambda-router/test/routes/all", "[" + String.join(",", routes) + "]"))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        return RouterWiring.builder(settings, tables, new LambdaDispatcher(client))
                .mapper(JSON)
                .build();
    }

    private static JsonNode send(RouterWiring router, String method, String path) throws Exception {
        String event = """
                {"httpMethod":"%s","path":"%s","headers":{"host":"api.example.com","x-user":"u1"},
                 "body":"{}","isBase64Encoded":false}""".formatted(method, path);
        return JSON.readTree(router.router().handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)));
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
        RouterWiring router = router(route("r", function, options));
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

    static Stream<Arguments> unhealthyWorkers() {
        return Stream.of(
                Arguments.of("crash (function error)", "crashing", "worker-failed"),
                Arguments.of(
                        "answers the ALB would reject (statusCode not a number)",
                        "invalid-answer",
                        "invalid-worker-response"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unhealthyWorkers")
    void aFailingTargetOpensItsCircuitAndTheFallbackServes(String fault, String function, String problem)
            throws Exception {
        lambda.clearInvocations();
        RouterWiring router = router(route("guarded", function, ",\"fallback\":\"fallback\""));
        for (int i = 0; i < 10; i++) {
            JsonNode response = send(router, "POST", "/guarded");
            assertEquals(502, response.get("statusCode").asInt(), fault + ": " + response);
            assertEquals(problem, problemType(response), fault);
        }
        assertEquals("OPEN", router.circuitState(function), fault);
        int before = lambda.invocationsOf(function).size();
        JsonNode response = send(router, "POST", "/guarded");
        assertEquals(200, response.get("statusCode").asInt(), response.toString());
        assertEquals("fallback", response.get("body").asText());
        assertEquals(before, lambda.invocationsOf(function).size(), "an open circuit sends nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unhealthyWorkers")
    void withoutAFallbackAnOpenCircuitIs503WithRetryAfter(String fault, String function, String problem)
            throws Exception {
        lambda.clearInvocations();
        RouterWiring router = router(route("unguarded", function, ""));
        for (int i = 0; i < 10; i++) {
            assertEquals(problem, problemType(send(router, "POST", "/unguarded")), fault);
        }
        JsonNode response = send(router, "POST", "/unguarded");
        assertEquals(503, response.get("statusCode").asInt());
        assertEquals("no-healthy-target", problemType(response));
        assertEquals("5", response.get("headers").get("retry-after").asText());
        assertEquals(10, lambda.invocationsOf(function).size(), fault + ": an open circuit sends nothing");
    }

    @Test
    void aRetryRefusedByTheCircuitLeavesTheAnswerOfTheAttemptMade() throws Exception {
        lambda.clearInvocations();
        RouterWiring router = router(route(
                "retried",
                "failing-always-retry",
                ",\"retry\":{\"maxAttempts\":3,\"functionErrors\":\"always\",\"baseDelayMs\":1}"));
        for (int i = 0; i < 3; i++) {
            assertEquals("worker-failed", problemType(send(router, "POST", "/retried")));
        }
        // Nine failures so far; the next request's first attempt is the tenth, which opens the circuit, and the
        // circuit refuses its retry: the client gets what that attempt answered.
        JsonNode response = send(router, "POST", "/retried");
        assertEquals("OPEN", router.circuitState("failing-always-retry"));
        assertEquals(502, response.get("statusCode").asInt(), response.toString());
        assertEquals("worker-failed", problemType(response));
        assertEquals(10, lambda.invocationsOf("failing-always-retry").size());
    }

    @Test
    void aThrottleWhoseRetryTheCircuitRefusesKeepsLambdasRetryAfter() throws Exception {
        lambda.clearInvocations();
        RouterWiring router = router(
                route("busy", "throttled-then-retry-after-7", ",\"retry\":{\"maxAttempts\":3,\"baseDelayMs\":1}"));
        for (int i = 0; i < 3; i++) {
            assertEquals("throttled", problemType(send(router, "GET", "/busy")));
        }
        JsonNode response = send(router, "GET", "/busy");
        assertEquals("OPEN", router.circuitState("throttled-then-retry-after-7"));
        assertEquals(503, response.get("statusCode").asInt(), response.toString());
        assertEquals("throttled", problemType(response));
        assertEquals("7", response.get("headers").get("retry-after").asText(), "Lambda's Retry-After");
        assertEquals(10, lambda.invocationsOf("throttled-then-retry-after-7").size());
    }

    @Test
    void weightedSelectionSkipsATargetWhoseCircuitIsOpen() throws Exception {
        lambda.clearInvocations();
        RouterWiring router = router("""
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
    void mirroredCopiesLeaveDuringTheInvocationThatDecidedThem() throws Exception {
        lambda.clearInvocations();
        SHADOW_ACCEPTED.set(0);
        RouterWiring router =
                router(route("mirrored", "healthy", ",\"mirror\":{\"function\":\"shadow\",\"percent\":100}"));
        for (int i = 1; i <= 3; i++) {
            JsonNode response = send(router, "GET", "/mirrored");
            assertEquals(200, response.get("statusCode").asInt());
            assertEquals("ok", response.get("body").asText());
            // The shadow takes 20 ms to accept, the main worker answers at once: the router waited for the copy,
            // which by the answer is either accepted or (on a machine too loaded to send it within the mirror's
            // budget) dropped and cancelled. Never still on its way.
            assertEquals(
                    i,
                    SHADOW_ACCEPTED.get() + router.mirror().dropped(),
                    "every copy was settled before the router answered");
        }
        int acceptedWhenAnswered = SHADOW_ACCEPTED.get();
        Thread.sleep(100); // five times the shadow's acceptance delay: a copy left running would arrive meanwhile
        assertEquals(acceptedWhenAnswered, SHADOW_ACCEPTED.get(), "no copy arrived after its invocation ended");
        assertTrue(lambda.invocationsOf("shadow").stream()
                .allMatch(c -> c.invocationType().equals("Event")));
    }

    @Test
    void aCopyTheShadowDoesNotAcceptInTimeIsDroppedAndNeverChangesTheAnswer() throws Exception {
        lambda.clearInvocations();
        RouterWiring router = router(
                route("mirrored-stuck", "healthy", ",\"mirror\":{\"function\":\"stuck-shadow\",\"percent\":100}"));
        // The shadow accepts nothing until the test ends: the answer cannot have waited for it.
        JsonNode response = send(router, "GET", "/mirrored-stuck");
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("ok", response.get("body").asText());
        assertEquals(1, router.mirror().dropped(), "counted as dropped when the answer left");
        assertEquals(0, router.mirror().sent());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
