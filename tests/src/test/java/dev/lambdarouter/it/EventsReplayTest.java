package dev.lambdarouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.router.testing.ReceivedInvocation;
import dev.lambdarouter.testsupport.MotoServer;
import dev.lambdarouter.workers.reports.ReportJobHandler;
import dev.lambdarouter.workers.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Every event in {@code events/} through the production {@link RouterHandler}, with the route table that
 * {@code template.yaml} seeds (in moto_server, over the real SSM protocol) and the real worker handlers behind a
 * loopback Lambda Invoke API.
 */
class EventsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final String STAGE = "dev";
    private static final String REPORTS = "lambda-router-dev-report-jobs";

    /** File name to expected status. A new file in events/ must be added here. */
    private static final Map<String, Integer> EXPECTED = Map.of(
            "get-order.json", 200,
            "post-order-base64.json", 201,
            "multi-value-headers.json", 200,
            "async-report.json", 202,
            "no-route.json", 404,
            "health.json", 200);

    private static MotoServer moto;
    private static FakeLambdaServer lambda;
    private static LambdaClient lambdaClient;
    private static SsmClient ssm;
    private static RouterHandler router;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        ssm = moto.ssmClient();
        Map<String, String> seeded =
                TemplateParameters.read(TemplateParameters.projectRoot().resolve("template.yaml"), STAGE);
        assertTrue(
                seeded.containsKey("/lambda-router/dev/version"),
                seeded.keySet().toString());
        seeded.forEach((name, value) -> ssm.putParameter(
                b -> b.name(name).value(value).type(ParameterType.STRING).overwrite(true)));

        lambda = new FakeLambdaServer().start();
        lambda.register("lambda-router-dev-orders-v1", worker(new dev.lambdarouter.workers.orders.v1.OrdersHandler()));
        lambda.register("lambda-router-dev-orders-v2", worker(new dev.lambdarouter.workers.orders.v2.OrdersHandler()));
        lambda.register(REPORTS, worker(new ReportJobHandler()));
        lambdaClient = lambda.sdkClient();
        router = new RouterHandler(
                RouterSettings.from(Map.of("ROUTER_CONFIG_PREFIX", "/lambda-router/" + STAGE)), ssm, lambdaClient);
    }

    @AfterAll
    static void stop() {
        lambdaClient.close();
        lambda.close();
        ssm.close();
        moto.close();
    }

    @BeforeEach
    void clear() {
        lambda.clearInvocations();
    }

    /** Runs a real worker handler the way the Java runtime would: JSON in, POJO handler, JSON out. */
    private static Function<byte[], FakeLambdaServer.Reply> worker(
            RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> handler) {
        return payload -> {
            try {
                ApplicationLoadBalancerRequestEvent event =
                        JSON.readValue(payload, ApplicationLoadBalancerRequestEvent.class);
                ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());
                return FakeLambdaServer.Reply.of(200, JSON.writeValueAsBytes(response));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Stream<String> eventFiles() throws Exception {
        try (Stream<Path> files = Files.list(TemplateParameters.projectRoot().resolve("events"))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("env.json"))
                    .sorted()
                    .collect(Collectors.toList())
                    .stream();
        }
    }

    private static JsonNode invoke(String file) throws Exception {
        byte[] event = Files.readAllBytes(
                TemplateParameters.projectRoot().resolve("events").resolve(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        router.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void everyEventFileHasAnExpectation() throws Exception {
        Set<String> files = eventFiles().collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED.keySet()), files);
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void eventIsAnsweredWithTheDocumentedStatus(String file) throws Exception {
        JsonNode response = invoke(file);
        assertEquals(EXPECTED.get(file), response.get("statusCode").asInt(), file + ": " + response);
        boolean multi = Files.readString(
                        TemplateParameters.projectRoot().resolve("events").resolve(file))
                .contains("\"multiValueHeaders\"");
        assertEquals(multi, response.has("multiValueHeaders"), file + " answered in the event's header mode");
        assertFalse(response.has(multi ? "headers" : "multiValueHeaders"));
    }

    @Test
    void asyncReportRunsTheJobWorker() throws Exception {
        JsonNode response = invoke("async-report.json");
        assertEquals(202, response.get("statusCode").asInt());
        JsonNode body = JSON.readTree(response.get("body").asText());
        List<ReceivedInvocation> calls = lambda.invocationsOf(REPORTS);
        assertEquals(1, calls.size());
        assertEquals("Event", calls.get(0).invocationType());
        assertEquals(calls.get(0).requestId(), body.get("requestId").asText());
        assertEquals("reports", body.get("route").asText());
    }

    @Test
    void healthCheckInvokesNoWorker() throws Exception {
        assertEquals(200, invoke("health.json").get("statusCode").asInt());
        assertTrue(lambda.invocations().isEmpty());
    }

    @Test
    void workersSeeTheRouteAndTargetHeaders() throws Exception {
        invoke("get-order.json");
        List<ReceivedInvocation> calls = lambda.invocations();
        assertEquals(1, calls.size());
        JsonNode headers = JSON.readTree(calls.get(0).payload()).get("headers");
        assertEquals("orders", headers.get("x-router-route").asText());
        assertEquals(calls.get(0).function(), headers.get("x-router-target").asText());
        assertTrue(headers.hasNonNull("x-request-id"));
    }
}
