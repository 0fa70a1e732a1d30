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
import dev.lambdarouter.router.testing.ReceivedInvocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The whole request flow against a real HTTP server that speaks Lambda's Invoke API, through the real SDK. */
class RequestRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTES = """
            [{"name":"orders","priority":10,"match":{"paths":[{"prefix":"/orders"}]},
              "targets":[{"function":"orders-v1","weight":1}]},
             {"name":"jobs","priority":20,"match":{"paths":[{"prefix":"/jobs"}]},"mode":"async",
              "targets":[{"function":"jobs","weight":1}]},
             {"name":"broken","priority":30,"match":{"paths":[{"prefix":"/broken"}]},
              "targets":[{"function":"crasher","weight":1}]},
             {"name":"busy","priority":40,"match":{"paths":[{"prefix":"/busy"}]},"retry":{"maxAttempts":1},
              "targets":[{"function":"throttled","weight":1}]},
             {"name":"ghost","priority":50,"match":{"paths":[{"prefix":"/ghost"}]},
              "targets":[{"function":"not-deployed","weight":1}]},
             {"name":"garbage","priority":60,"match":{"paths":[{"prefix":"/garbage"}]},
              "targets":[{"function":"garbage","weight":1}]},
             {"name":"slow","priority":70,"match":{"paths":[{"prefix":"/slow"}]},"timeoutMs":300,
              "targets":[{"function":"slow","weight":1}]},
             {"name":"maintenance","priority":80,"match":{"paths":[{"prefix":"/maintenance"}]},
              "fixedResponse":{"status":503,"contentType":"text/plain","body":"back soon"}}]
            """;

    private static FakeLambdaServer lambda;
    private static LambdaClient client;
    private RequestRouter router;

    @BeforeAll
    static void startLambda() {
        lambda = new FakeLambdaServer().start();
        lambda.register("orders-v1", payload -> FakeLambdaServer.Reply.of(200, workerAnswer(payload)));
        lambda.register("jobs", FakeLambdaServer.respond("null"));
        lambda.register("crasher", FakeLambdaServer.fail("IllegalStateException", "secret internal detail"));
        lambda.register("throttled", FakeLambdaServer.throttle(7));
        lambda.register("garbage", FakeLambdaServer.respond("{\"statusCode\":\"teapot\"}"));
        lambda.register("slow", FakeLambdaServer.hang(Duration.ofSeconds(3)));
        client = lambda.sdkClient();
    }

    @AfterAll
    static void stopLambda() {
        client.close();
        lambda.close();
    }

    @BeforeEach
    void newRouter() {
        lambda.clearInvocations();
        router = router(ROUTES);
    }

    private static RequestRouter router(String routes) {
        RouterSettings settings = RouterSettings.from(java.util.Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("7", List.of(new RouteParameter("/lambda-router/dev/routes/all", routes))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        return RouterWiring.builder(settings, tables, new LambdaDispatcher(client))
                .mapper(JSON)
                .build()
                .router();
    }

    /** A worker that reports the headers it received. */
    private static byte[] workerAnswer(byte[] payload) {
        try {
            JsonNode event = JSON.readTree(payload);
            JsonNode headers = event.has("multiValueHeaders") ? event.get("multiValueHeaders") : event.get("headers");
            String body = JSON.writeValueAsString(headers);
            return JSON.writeValueAsBytes(java.util.Map.of(
                    "statusCode",
                    200,
                    "headers",
                    java.util.Map.of("content-type", "application/json"),
                    "body",
                    body,
                    "isBase64Encoded",
                    false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String singleEvent(String method, String path, String extraHeaders) {
        return """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"}},
                 "httpMethod":"%s","path":"%s","queryStringParameters":{},
                 "headers":{"host":"api.example.com","x-forwarded-for":"203.0.113.9",
                            "x-amzn-trace-id":"Root=1-5f0c1a2b-0123456789abcdef01234567"%s},
                 "body":"","isBase64Encoded":false}
                """.formatted(method, path, extraHeaders);
    }

    private JsonNode send(String event) throws Exception {
        return JSON.readTree(router.handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)));
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return JSON.readTree(response.get("body").asText());
    }

    @Test
    void syncRoutePassesTheWorkerAnswerBackWithRouterHeadersAdded() throws Exception {
        JsonNode response = send(
                singleEvent("GET", "/orders/42", ",\"x-router-target\":\"spoofed\",\"x-request-id\":\"client-abc\""));
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("200 OK", response.get("statusDescription").asText());
        JsonNode seen = body(response);
        assertEquals("orders", seen.get("x-router-route").asText());
        assertEquals("orders-v1", seen.get("x-router-target").asText(), "client value replaced");
        assertEquals("client-abc", seen.get("x-request-id").asText());
        assertEquals("client-abc", response.get("headers").get("x-request-id").asText());
        List<ReceivedInvocation> calls = lambda.invocationsOf("orders-v1");
        assertEquals(1, calls.size());
        assertEquals("RequestResponse", calls.get(0).invocationType());
        assertTrue(calls.get(0).payloadText().contains("targetGroupArn"), "the ALB event is forwarded whole");
    }

    @Test
    void multiValueEventsAreAnsweredInMultiValueMode() throws Exception {
        JsonNode response = send("""
                {"httpMethod":"GET","path":"/orders","multiValueQueryStringParameters":{"a":["1","2"]},
                 "multiValueHeaders":{"host":["api.example.com"],"x-router-route":["spoofed"]},"body":"",
                 "isBase64Encoded":false}
                """);
        assertEquals(200, response.get("statusCode").asInt());
        assertFalse(response.has("headers"));
        assertEquals(
                "application/json",
                response.get("multiValueHeaders").get("content-type").get(0).asText());
        JsonNode seen = body(response);
        assertEquals("orders", seen.get("x-router-route").get(0).asText());
        assertEquals(1, seen.get("x-router-route").size());
    }

    @Test
    void asyncRouteAnswers202WithTheLambdaRequestId() throws Exception {
        JsonNode response = send(singleEvent("POST", "/jobs/report", ""));
        assertEquals(202, response.get("statusCode").asInt());
        JsonNode body = body(response);
        List<ReceivedInvocation> calls = lambda.invocationsOf("jobs");
        assertEquals(1, calls.size());
        assertEquals("Event", calls.get(0).invocationType());
        assertEquals(calls.get(0).requestId(), body.get("requestId").asText());
        assertEquals("jobs", body.get("route").asText());
        assertEquals("jobs", body.get("target").asText());
    }

    @Test
    void workerFunctionErrorIs502ProblemWithoutInternalDetail() throws Exception {
        JsonNode response = send(singleEvent("GET", "/broken", ""));
        assertProblem(response, 502, "worker-failed");
        assertFalse(response.get("body").asText().contains("secret internal detail"));
    }

    @Test
    void throttlingIs503WithRetryAfter() throws Exception {
        JsonNode response = send(singleEvent("GET", "/busy", ""));
        assertProblem(response, 503, "throttled");
        assertEquals("7", response.get("headers").get("retry-after").asText());
    }

    @Test
    void unknownFunctionIs502() throws Exception {
        assertProblem(send(singleEvent("GET", "/ghost", "")), 502, "worker-not-found");
    }

    @Test
    void invalidWorkerResponseIs502() throws Exception {
        assertProblem(send(singleEvent("GET", "/garbage", "")), 502, "invalid-worker-response");
    }

    @Test
    void workerSlowerThanTheRouteTimeoutIs504() throws Exception {
        assertProblem(send(singleEvent("GET", "/slow", "")), 504, "timeout");
    }

    @Test
    void noMatchingRouteIs404() throws Exception {
        assertProblem(send(singleEvent("GET", "/nothing-here", "")), 404, "no-route");
        assertTrue(lambda.invocations().isEmpty());
    }

    @Test
    void malformedEventIs400() throws Exception {
        assertProblem(send("{\"httpMethod\":\"GET\"}"), 400, "bad-request");
    }

    @Test
    void fixedResponseIsAnsweredByTheRouter() throws Exception {
        JsonNode response = send(singleEvent("GET", "/maintenance", ""));
        assertEquals(503, response.get("statusCode").asInt());
        assertEquals("back soon", response.get("body").asText());
        assertTrue(lambda.invocations().isEmpty());
    }

    @Test
    void healthCheckIsAnsweredWithoutAWorker() throws Exception {
        JsonNode response = send(singleEvent("GET", "/_router/health", ""));
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("ok", body(response).get("status").asText());
        assertTrue(lambda.invocations().isEmpty());
    }

    @Test
    void healthCheckIs503WithoutAValidTable() throws Exception {
        router = router("[{\"name\":\"bad\"}]");
        JsonNode response = send(singleEvent("GET", "/_router/health", ""));
        assertEquals(503, response.get("statusCode").asInt());
        assertProblem(send(singleEvent("GET", "/orders", "")), 503, "no-routing-table");
    }

    private static void assertProblem(JsonNode response, int status, String type) throws Exception {
        assertEquals(status, response.get("statusCode").asInt(), response.toString());
        JsonNode headers = response.get("headers");
        assertEquals("application/problem+json", headers.get("content-type").asText());
        JsonNode problem = body(response);
        assertEquals("urn:lambda-router:problem:" + type, problem.get("type").asText());
        assertEquals(status, problem.get("status").asInt());
        assertFalse(response.toString().contains("Exception"), "no exception names reach the client");
        assertFalse(response.toString().contains("\tat "), "no stack trace");
    }
}
