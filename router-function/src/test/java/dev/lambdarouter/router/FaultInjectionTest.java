package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchPipeline;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.router.observability.InjectedFault;
import dev.lambdarouter.router.observability.MetricNames;
import dev.lambdarouter.router.observability.RequestOutcome;
import dev.lambdarouter.router.observability.RouterMetrics;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A route's fault injection through the router's wiring, against workers behind a real HTTP server that speaks
 * Lambda's Invoke API (called through the SDK): rates over many requests (seeded, so every run makes the same
 * draws), target and header limits, no invoke on an abort, a delay bounded by the deadline, and what the metrics
 * receive.
 */
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK =
            "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"ok\"}";
    private static final String ROUTES = """
            [{"name":"faulty","priority":10,"match":{"paths":[{"prefix":"/faulty"}]},
              "targets":[{"function":"orders-v1","weight":1}],
              "fault":{"abort":{"percent":10,"status":503},"delay":{"percent":10,"ms":2}}},
             {"name":"canary","priority":30,"match":{"paths":[{"prefix":"/canary"}]},
              "targets":[{"function":"orders-v1","weight":50},{"function":"orders-v2","weight":50}],
              "fault":{"abort":{"percent":100,"status":500},"target":"orders-v2"}},
             {"name":"by-header","priority":40,"match":{"paths":[{"prefix":"/by-header"}]},
              "targets":[{"function":"orders-v1","weight":1}],
              "fault":{"abort":{"percent":100,"status":418},"header":{"name":"X-Fault","value":"on"}}},
             {"name":"deadline","priority":50,"match":{"paths":[{"prefix":"/deadline"}]},"timeoutMs":5000,
              "targets":[{"function":"orders-v1","weight":1}],"fault":{"delay":{"percent":100,"ms":4000}}},
             {"name":"mirrored","priority":60,"match":{"paths":[{"prefix":"/mirrored"}]},
              "targets":[{"function":"orders-v1","weight":1}],"mirror":{"function":"shadow","percent":100},
              "fault":{"abort":{"percent":100,"status":503}}}]
            """;

    private static FakeLambdaServer lambda;
    private static LambdaClient client;

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private RouterWiring wiring;

    /** What the metrics received for one request. */
    private record Recorded(RequestOutcome outcome, String failureKind) {}

    @BeforeAll
    static void startLambda() {
        lambda = new FakeLambdaServer().start();
        lambda.register("orders-v1", FakeLambdaServer.respond(OK));
        lambda.register("orders-v2", FakeLambdaServer.respond(OK));
        lambda.register("shadow", FakeLambdaServer.respond("{}"));
        client = lambda.sdkClient();
    }

    @AfterAll
    static void stopLambda() {
        client.close();
        lambda.close();
    }

    @BeforeEach
    void clear() {
        lambda.clearInvocations();
    }

    /** The router's graph over {@link #ROUTES} with seeded randomness, recording metrics and {@code sleeper}. */
    private RequestRouter router(DispatchPipeline.Sleeper sleeper) {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("1", List.of(new RouteParameter("/lambda-router/dev/routes/all", ROUTES))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        RouterMetrics metrics = new RouterMetrics() {
            @Override
            public void requestCompleted(RequestOutcome outcome, String failureKind) {
                recorded.add(new Recorded(outcome, failureKind));
            }

            @Override
            public void mirrorCopyDropped() {}

            @Override
            public void configEvent(String name) {}
        };
        wiring = RouterWiring.builder(settings, tables, new LambdaDispatcher(client))
                .mapper(JSON)
                .randomness(Randomness.seeded(20261202L))
                .metrics(metrics)
                .sleeper(sleeper)
                .build();
        return wiring.router();
    }

    private RequestRouter router() {
        return router(DispatchPipeline.Sleeper.THREAD);
    }

    private static JsonNode send(RequestRouter router, String path, String extraHeaders, Duration remaining)
            throws Exception {
        String event = """
                {"httpMethod":"GET","path":"%s","queryStringParameters":{},
                 "headers":{"host":"api.example.com"%s},"body":"","isBase64Encoded":false}
                """.formatted(path, extraHeaders);
        return JSON.readTree(router.handle(event.getBytes(StandardCharsets.UTF_8), remaining));
    }

    private static JsonNode send(RequestRouter router, String path) throws Exception {
        return send(router, path, "", Duration.ofSeconds(20));
    }

    /** Asserts an injected abort's answer: the status, problem+json saying it was an injected fault. */
    private static void assertInjectedAbort(JsonNode response, int status) throws Exception {
        assertEquals(status, response.get("statusCode").asInt(), response::toString);
        assertEquals(
                "application/problem+json",
                response.get("headers").get("content-type").asText());
        JsonNode problem = JSON.readTree(response.get("body").asText());
        assertEquals(
                "urn:lambda-router:problem:fault-injected", problem.get("type").asText());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("fault injection"), problem::toString);
    }

    /** 2,000 requests at 10 %: 200 expected, sigma = sqrt(2000 * 0.1 * 0.9) = 13.4, so 200 +- 54 (4 sigma). */
    private static void assertAboutTenPercentOf2000(int count, String what) {
        assertTrue(Math.abs(count - 200) <= 54, () -> what + ": " + count + " of 2000, expected 200 +- 54");
    }

    /** Abort and delay are drawn independently: each about 10 % of all requests, about 1 % get both. */
    @Test
    void abortsAndDelaysTheConfiguredSharesAndAnAbortInvokesNothing() throws Exception {
        RequestRouter router = router();
        int aborted = 0;
        for (int i = 0; i < 2000; i++) {
            JsonNode response = send(router, "/faulty/" + i);
            if (response.get("statusCode").asInt() == 503) {
                assertInjectedAbort(response, 503);
                aborted++;
            } else {
                assertEquals(200, response.get("statusCode").asInt(), response::toString);
            }
        }
        assertAboutTenPercentOf2000(aborted, "aborted");
        assertEquals(2000 - aborted, lambda.invocationsOf("orders-v1").size(), "an aborted request invokes nothing");

        List<Recorded> abortedRecords = recorded.stream()
                .filter(r -> r.outcome().fault() != null && r.outcome().fault().aborted())
                .toList();
        assertEquals(aborted, abortedRecords.size());
        for (Recorded r : abortedRecords) {
            assertAll(
                    () -> assertEquals(MetricNames.FAULT_ABORT, r.failureKind()),
                    () -> assertEquals(503, r.outcome().status()),
                    () -> assertEquals("faulty", r.outcome().route()),
                    () -> assertEquals("orders-v1", r.outcome().target(), "the picked target: a Target dimension"),
                    () -> assertEquals(0, r.outcome().attempts()));
        }
        List<Recorded> delayed = recorded.stream()
                .filter(r -> r.outcome().fault() != null && r.outcome().fault().delayed())
                .toList();
        assertAboutTenPercentOf2000(delayed.size(), "delayed");
        assertTrue(delayed.stream()
                .filter(r -> r.outcome().fault() == InjectedFault.DELAY)
                .allMatch(r -> r.failureKind() == null
                        && r.outcome().attempts() == 1
                        && r.outcome().status() == 200));
    }

    @Test
    void aFaultLimitedToOneTargetTouchesOnlyThatTargetsRequests() throws Exception {
        RequestRouter router = router();
        for (int i = 0; i < 400; i++) {
            JsonNode response = send(router, "/canary/" + i);
            String target = recorded.get(recorded.size() - 1).outcome().target();
            if (target.equals("orders-v2")) {
                assertInjectedAbort(response, 500);
            } else {
                assertEquals(200, response.get("statusCode").asInt(), response::toString);
            }
        }
        long canary = recorded.stream()
                .filter(r -> r.outcome().target().equals("orders-v2"))
                .count();
        assertTrue(canary > 100 && canary < 300, "about half the requests pick the canary: " + canary);
        assertEquals(0, lambda.invocationsOf("orders-v2").size(), "the faulted target is never invoked");
        assertEquals("CLOSED", wiring.circuitState("orders-v2"), "circuit breakers do not see injected aborts");
        assertEquals(400 - canary, lambda.invocationsOf("orders-v1").size());
        assertTrue(recorded.stream()
                .filter(r -> r.outcome().target().equals("orders-v1"))
                .allMatch(r -> r.outcome().fault() == null));
    }

    @Test
    void aFaultLimitedToAHeaderTouchesOnlyRequestsWithIt() throws Exception {
        RequestRouter router = router();
        assertInjectedAbort(send(router, "/by-header", ",\"x-fault\":\"on\"", Duration.ofSeconds(20)), 418);
        assertEquals(0, lambda.invocationsOf("orders-v1").size());
        assertEquals(
                200,
                send(router, "/by-header", ",\"x-fault\":\"off\"", Duration.ofSeconds(20))
                        .get("statusCode")
                        .asInt());
        assertEquals(200, send(router, "/by-header").get("statusCode").asInt());
        assertEquals(2, lambda.invocationsOf("orders-v1").size());
    }

    @Test
    void aDelayIsHeldNoLongerThanTheRequestsDeadline() throws Exception {
        RequestRouter router = router(sleeps::add);
        // One second left for the router: the call's deadline is 1 s less the 300 ms answer margin.
        JsonNode response = send(router, "/deadline", "", Duration.ofSeconds(1));
        assertEquals(List.of(Duration.ofMillis(700)), sleeps, "held until the deadline, not for the 4 s delay");
        assertEquals(504, response.get("statusCode").asInt(), response::toString);
        assertEquals(0, lambda.invocationsOf("orders-v1").size());
        Recorded r = recorded.get(0);
        assertEquals(InjectedFault.DELAY, r.outcome().fault());
        assertEquals(MetricNames.TIMEOUT, r.failureKind());
    }

    @Test
    void theMirrorCopyLeavesEvenWhenTheRequestIsAborted() throws Exception {
        RequestRouter router = router();
        assertInjectedAbort(send(router, "/mirrored"), 503);
        assertEquals(0, lambda.invocationsOf("orders-v1").size());
        assertEquals(1, lambda.invocationsOf("shadow").size(), "the shadow sees the traffic the fault rehearses on");
    }

    @Test
    void requestsTheFaultDoesNotConcernCarryNoFault() throws Exception {
        RequestRouter router = router();
        send(router, "/by-header");
        assertEquals(1, recorded.size());
        assertNull(recorded.get(0).outcome().fault());
        assertNull(recorded.get(0).failureKind());
    }
}
