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
import dev.lambdarouter.router.observability.OpenTelemetryTracer;
import dev.lambdarouter.router.observability.SdkCallTracing;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.router.testing.ReceivedInvocation;
import dev.lambdarouter.tracing.LambdaTracing;
import dev.lambdarouter.tracing.XRayDaemonStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The request, its dispatch and the Lambda Invoke call reach a loopback X-Ray daemon as segment documents of the
 * incoming trace, each the parent of the next; the sync and the async worker both get the trace header naming the
 * dispatch span (in the event) and the Invoke span (on the Invoke call, which Lambda continues).
 */
class RequestTracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "1-5f0c1a2b-0123456789abcdef01234567";
    private static final String ALB_PARENT = "53995c3f42cd8ad8";
    private static final String ROUTES = """
            [{"name":"orders","priority":10,"match":{"paths":[{"prefix":"/orders"}]},
              "targets":[{"function":"orders-v1","weight":1}]},
             {"name":"jobs","priority":20,"match":{"paths":[{"prefix":"/jobs"}]},"mode":"async",
              "targets":[{"function":"jobs","weight":1}]}]
            """;

    private final XRayDaemonStub daemon = new XRayDaemonStub();
    private final FakeLambdaServer lambda = new FakeLambdaServer().start();
    private LambdaClient client;
    private RequestRouter router;

    @BeforeEach
    void wire() {
        lambda.register(
                "orders-v1",
                FakeLambdaServer.respond(
                        "{\"statusCode\":200,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false}"));
        lambda.register("jobs", FakeLambdaServer.respond("null"));
        LambdaTracing tracing = LambdaTracing.toXRayDaemon(daemon.address(), "lambda-router");
        client =
                SdkCallTracing.of(tracing).instrument(lambda.sdkClientBuilder()).build();
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("1", List.of(new RouteParameter("/lambda-router/dev/routes/all", ROUTES))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        router = RouterWiring.builder(settings, tables, new LambdaDispatcher(client))
                .mapper(JSON)
                .tracer(OpenTelemetryTracer.of(tracing))
                .build()
                .router();
    }

    @AfterEach
    void close() {
        client.close();
        lambda.close();
        daemon.close();
    }

    @Test
    void aSyncRequestIsOneTraceOfRequestDispatchAndInvokeAndTheWorkerContinuesIt() throws Exception {
        JsonNode answer = route("GET", "/orders/7");
        assertEquals(200, answer.get("statusCode").asInt());

        Map<String, JsonNode> segments = byName(daemon.next(3));
        JsonNode request = segments.get("request");
        JsonNode dispatch = segments.get("dispatch");
        JsonNode invoke = segments.get("Lambda");
        for (JsonNode segment : segments.values()) {
            assertEquals(ROOT, segment.get("trace_id").asText(), "one trace: " + segment);
            assertEquals("subsegment", segment.get("type").asText());
        }
        assertEquals(ALB_PARENT, request.get("parent_id").asText());
        assertEquals(request.get("id").asText(), dispatch.get("parent_id").asText());
        assertEquals(dispatch.get("id").asText(), invoke.get("parent_id").asText());

        assertAnnotations(request, Map.of("route", "orders", "target", "orders-v1", "mode", "sync", "status", "200"));
        assertAnnotations(
                dispatch,
                Map.of(
                        "route",
                        "orders",
                        "target",
                        "orders-v1",
                        "mode",
                        "sync",
                        "attempts",
                        "1",
                        "outcome",
                        "Responded"));
        assertEquals("aws", invoke.get("namespace").asText());
        assertEquals("Invoke", invoke.get("aws").get("operation").asText());

        ReceivedInvocation call = lambda.invocationsOf("orders-v1").get(0);
        assertEquals(header(dispatch), eventTraceHeader(call));
        assertEquals(header(invoke), call.traceHeader());
    }

    @Test
    void anAsyncWorkerGetsTheTraceHeaderInItsEventAndOnTheInvokeCall() throws Exception {
        JsonNode answer = route("POST", "/jobs/report");
        assertEquals(202, answer.get("statusCode").asInt());

        Map<String, JsonNode> segments = byName(daemon.next(3));
        JsonNode dispatch = segments.get("dispatch");
        JsonNode invoke = segments.get("Lambda");
        assertEquals(
                segments.get("request").get("id").asText(),
                dispatch.get("parent_id").asText());
        assertAnnotations(dispatch, Map.of("mode", "async", "outcome", "Accepted", "target", "jobs"));

        ReceivedInvocation call = lambda.invocationsOf("jobs").get(0);
        assertEquals("Event", call.invocationType());
        assertEquals(header(dispatch), eventTraceHeader(call));
        assertEquals(header(invoke), call.traceHeader());
    }

    @Test
    void aRequestThatCannotBeRoutedIsStillTracedWithItsStatus() throws Exception {
        assertEquals(404, route("GET", "/nowhere").get("statusCode").asInt());
        JsonNode request = daemon.next();
        assertEquals("request", request.get("name").asText());
        assertEquals(ROOT, request.get("trace_id").asText());
        assertEquals(404, request.get("annotations").get("status").asInt());
        assertEquals(404, request.get("http").get("response").get("status").asInt());
        assertTrue(request.get("error").asBoolean(), "a 4xx is an error");
        assertFalse(request.has("fault"), "a 4xx is not a fault");
    }

    private JsonNode route(String method, String path) throws Exception {
        String event = """
                {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"}},
                 "httpMethod":"%s","path":"%s","queryStringParameters":{},
                 "headers":{"host":"api.example.com","x-amzn-trace-id":"Root=%s;Parent=%s;Sampled=1"},
                 "body":"","isBase64Encoded":false}
                """.formatted(method, path, ROOT, ALB_PARENT);
        return JSON.readTree(router.handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10)));
    }

    private static Map<String, JsonNode> byName(List<JsonNode> segments) {
        Map<String, JsonNode> byName = new HashMap<>();
        segments.forEach(s -> byName.put(s.get("name").asText(), s));
        assertEquals(3, byName.size(), "request, dispatch and Lambda: " + segments);
        return byName;
    }

    private static void assertAnnotations(JsonNode segment, Map<String, String> expected) {
        expected.forEach((key, value) ->
                assertEquals(value, segment.get("annotations").path(key).asText(), key + " of " + segment));
    }

    /** The trace header that names {@code parent}'s span as the parent, in {@code parent}'s trace. */
    private static String header(JsonNode parent) {
        return "Root=" + ROOT + ";Parent=" + parent.get("id").asText() + ";Sampled=1";
    }

    private static String eventTraceHeader(ReceivedInvocation call) throws Exception {
        return JSON.readTree(call.payload())
                .get("headers")
                .get("x-amzn-trace-id")
                .asText();
    }
}
