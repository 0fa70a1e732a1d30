package dev.lambdarouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.workers.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The metrics of real requests through the production handler (routes in Parameter Store on moto_server, workers
 * behind a loopback Lambda Invoke API): the one embedded-metric-format record each request prints on stdout, its
 * dimension sets, Route and Target values, metric names and values, for each outcome and each
 * {@code ROUTER_METRICS_DIMENSIONS}.
 */
class RouterMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/lambda-router/metrics";
    /** The surefire environment's POWERTOOLS_SERVICE_NAME. */
    private static final String SERVICE = "lambda-router-tests";

    private static final List<String> SERVICE_ONLY = List.of("Service");
    private static final List<String> BY_ROUTE = List.of("Service", "Route");
    private static final List<String> BY_TARGET = List.of("Service", "Route", "Target");
    private static final Set<String> OUTCOME_COUNTS = Set.of(
            "WorkerFailed",
            "InvalidWorkerResponse",
            "Throttled",
            "Timeout",
            "CircuitOpen",
            "NoHealthyTarget",
            "PayloadTooLarge",
            "FunctionNotFound",
            "AccessDenied",
            "LambdaServiceError",
            "FaultAbort",
            "FaultDelay");

    private static OrdersStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = OrdersStack.start();
        FakeLambdaServer lambda = stack.lambda();
        lambda.register("failing", FakeLambdaServer.fail("IllegalStateException", "boom"));
        lambda.register("throttled", FakeLambdaServer.throttle(7));
        lambda.register("hanging", FakeLambdaServer.hang(Duration.ofSeconds(2)));
        lambda.register("down", FakeLambdaServer.fail("IllegalStateException", "down"));
        lambda.register("down-too", FakeLambdaServer.fail("IllegalStateException", "down too"));
        stack.ssm()
                .putParameter(b -> b.name(PREFIX + "/routes/all")
                        .value("""
                        [{"name":"orders","priority":10,"match":{"paths":[{"prefix":"/orders"}]},
                          "targets":[{"function":"orders-v1","weight":1}]},
                         {"name":"broken","priority":20,"match":{"paths":[{"prefix":"/broken"}]},
                          "targets":[{"function":"failing","weight":1}]},
                         {"name":"busy","priority":30,"match":{"paths":[{"prefix":"/busy"}]},"retry":{"maxAttempts":1},
                          "targets":[{"function":"throttled","weight":1}]},
                         {"name":"slow","priority":40,"match":{"paths":[{"prefix":"/slow"}]},"timeoutMs":300,
                          "targets":[{"function":"hanging","weight":1}]},
                         {"name":"down","priority":50,"match":{"paths":[{"prefix":"/down"}]},
                          "targets":[{"function":"down","weight":1}]},
                         {"name":"spare","priority":60,"match":{"paths":[{"prefix":"/spare"}]},
                          "targets":[{"function":"down-too","weight":1}]},
                         {"name":"guarded","priority":70,"match":{"paths":[{"prefix":"/guarded"}]},
                          "targets":[{"function":"down","weight":1}],"fallback":"down-too"},
                         {"name":"rehearsed","priority":80,"match":{"paths":[{"prefix":"/rehearsed"}]},
                          "targets":[{"function":"orders-v1","weight":0},{"function":"orders-v2","weight":1}],
                          "fault":{"abort":{"percent":100,"status":503},"target":"orders-v2"}},
                         {"name":"held","priority":90,"match":{"paths":[{"prefix":"/held"}]},
                          "targets":[{"function":"orders-v1","weight":1}],
                          "fault":{"delay":{"percent":100,"ms":1}}}]""")
                        .type(ParameterType.STRING)
                        .overwrite(true));
        stack.ssm()
                .putParameter(b -> b.name(PREFIX + "/version")
                        .value("1")
                        .type(ParameterType.STRING)
                        .overwrite(true));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A production handler (fresh circuit breakers) with {@code ROUTER_METRICS_DIMENSIONS} = {@code dimensions}. */
    private static RouterHandler handler(String dimensions) {
        Map<String, String> env = dimensions == null
                ? Map.of("ROUTER_CONFIG_PREFIX", PREFIX)
                : Map.of("ROUTER_CONFIG_PREFIX", PREFIX, "ROUTER_METRICS_DIMENSIONS", dimensions);
        return new RouterHandler(RouterSettings.from(env), stack.ssm(), stack.lambdaClient());
    }

    /** What one request printed: its answer's status and its one metrics record. */
    private record Printed(int status, JsonNode record) {

        /** The record's dimension sets. */
        List<List<String>> dimensionSets() {
            List<List<String>> sets = new ArrayList<>();
            for (JsonNode set : directive().get("Dimensions")) {
                List<String> keys = new ArrayList<>();
                set.forEach(k -> keys.add(k.asText()));
                sets.add(keys);
            }
            return sets;
        }

        /** Metric name to unit, as declared. */
        Map<String, String> declared() {
            Map<String, String> units = new java.util.TreeMap<>();
            directive()
                    .get("Metrics")
                    .forEach(
                            m -> units.put(m.get("Name").asText(), m.get("Unit").asText()));
            return units;
        }

        /** The outcome counts (WorkerFailed, Throttled, ...) the record carries. */
        Set<String> outcomeCounts() {
            Set<String> names = new TreeSet<>(declared().keySet());
            names.retainAll(OUTCOME_COUNTS);
            return names;
        }

        double value(String metric) {
            return record.get(metric).asDouble();
        }

        String text(String field) {
            return record.has(field) ? record.get(field).asText() : null;
        }

        private JsonNode directive() {
            JsonNode directives = record.get("_aws").get("CloudWatchMetrics");
            assertEquals(1, directives.size(), record.toString());
            return directives.get(0);
        }
    }

    /** Sends one request and returns the one EMF record it printed on stdout. */
    private static Printed send(RouterHandler handler, String method, String path) throws Exception {
        String event = """
                {"httpMethod":"%s","path":"%s","headers":{"host":"api.example.com"},"body":"","isBase64Encoded":false}
                """.formatted(method, path);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer, new TestContext());
        } finally {
            System.setOut(stdout);
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                records.add(JSON.readTree(line));
            }
        }
        assertEquals(1, records.size(), "one metrics record per request: " + printed);
        return new Printed(JSON.readTree(answer.toByteArray()).get("statusCode").asInt(), records.get(0));
    }

    /** The per-request metrics every record carries, with their values. */
    private static void assertRequestMetrics(Printed p, int status4xx, int status5xx, int attempts) {
        Map<String, String> declared = p.declared();
        assertEquals("Count", declared.get("Requests"));
        assertEquals("Milliseconds", declared.get("Latency"));
        assertEquals("Count", declared.get("Status4xx"));
        assertEquals("Count", declared.get("Status5xx"));
        assertEquals("Count", declared.get("Attempts"));
        assertEquals(1, p.value("Requests"));
        assertTrue(p.value("Latency") >= 0);
        assertEquals(status4xx, p.value("Status4xx"), "Status4xx");
        assertEquals(status5xx, p.value("Status5xx"), "Status5xx");
        assertEquals(attempts, p.value("Attempts"), "Attempts");
        assertEquals(
                "LambdaRouter",
                p.record
                        .get("_aws")
                        .get("CloudWatchMetrics")
                        .get(0)
                        .get("Namespace")
                        .asText());
        assertEquals(SERVICE, p.text("Service"));
    }

    @Test
    void aSuccessCarriesServiceRouteAndTargetSets() throws Exception {
        Printed p = send(handler(null), "GET", "/orders/1");
        assertEquals(200, p.status());
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE, BY_TARGET), p.dimensionSets());
        assertEquals("orders", p.text("Route"));
        assertEquals("orders-v1", p.text("Target"));
        assertRequestMetrics(p, 0, 0, 1);
        assertEquals(Set.of(), p.outcomeCounts());
    }

    @Test
    void aWorkerFailureRetriedOnceCountsTwoAttempts() throws Exception {
        Printed p = send(handler(null), "GET", "/broken");
        assertEquals(502, p.status());
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE, BY_TARGET), p.dimensionSets());
        assertEquals("broken", p.text("Route"));
        assertEquals("failing", p.text("Target"));
        assertRequestMetrics(p, 0, 1, 2);
        assertEquals(Set.of("WorkerFailed"), p.outcomeCounts());
        assertEquals(1, p.value("WorkerFailed"));
    }

    @Test
    void aThrottle() throws Exception {
        Printed p = send(handler(null), "GET", "/busy");
        assertEquals(503, p.status());
        assertEquals("throttled", p.text("Target"));
        assertRequestMetrics(p, 0, 1, 1);
        assertEquals(Set.of("Throttled"), p.outcomeCounts());
        assertEquals(1, p.value("Throttled"));
    }

    @Test
    void aTimeout() throws Exception {
        Printed p = send(handler(null), "GET", "/slow");
        assertEquals(504, p.status());
        assertEquals("hanging", p.text("Target"));
        assertRequestMetrics(p, 0, 1, 1);
        assertEquals(Set.of("Timeout"), p.outcomeCounts());
    }

    /**
     * Ten failing calls open a target's circuit. Then a route whose every target is open and that has no fallback
     * counts NoHealthyTarget (no target: no Target set); a route whose fallback's circuit is open too counts
     * CircuitOpen against the fallback, with no invoke.
     */
    @Test
    void openCircuits() throws Exception {
        RouterHandler handler = handler(null);
        for (int i = 0; i < 10; i++) {
            send(handler, "POST", "/down"); // POST: not retried, one failure each
            send(handler, "POST", "/spare");
        }
        Printed none = send(handler, "GET", "/down");
        assertEquals(503, none.status());
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE), none.dimensionSets());
        assertEquals("down", none.text("Route"));
        assertFalse(none.record().has("Target"));
        assertRequestMetrics(none, 0, 1, 0);
        assertEquals(Set.of("NoHealthyTarget"), none.outcomeCounts());

        Printed refused = send(handler, "GET", "/guarded");
        assertEquals(503, refused.status());
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE, BY_TARGET), refused.dimensionSets());
        assertEquals("guarded", refused.text("Route"));
        assertEquals("down-too", refused.text("Target"));
        assertRequestMetrics(refused, 0, 1, 0);
        assertEquals(Set.of("CircuitOpen"), refused.outcomeCounts());
    }

    /**
     * A fault's abort is counted like any other failure, against the picked target (a rollout controller sees the
     * canary's errors), with FaultAbort as its one failure count and no invoke.
     */
    @Test
    void anInjectedAbortCountsItsStatusAgainstThePickedTarget() throws Exception {
        Printed p = send(handler(null), "GET", "/rehearsed");
        assertEquals(503, p.status());
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE, BY_TARGET), p.dimensionSets());
        assertEquals("rehearsed", p.text("Route"));
        assertEquals("orders-v2", p.text("Target"));
        assertRequestMetrics(p, 0, 1, 0);
        assertEquals(Set.of("FaultAbort"), p.outcomeCounts());
        assertEquals("Count", p.declared().get("FaultAbort"));
        assertEquals(1, p.value("FaultAbort"));
    }

    /** A fault's delay is counted beside whatever came of the request after it. */
    @Test
    void anInjectedDelayIsCountedBesideTheOutcome() throws Exception {
        Printed p = send(handler(null), "GET", "/held");
        assertEquals(200, p.status());
        assertEquals("orders-v1", p.text("Target"));
        assertRequestMetrics(p, 0, 0, 1);
        assertEquals(Set.of("FaultDelay"), p.outcomeCounts());
        assertEquals("Count", p.declared().get("FaultDelay"));
        assertEquals(1, p.value("FaultDelay"));
    }

    @Test
    void noRouteCarriesTheServiceSetOnly() throws Exception {
        Printed p = send(handler(null), "GET", "/nowhere");
        assertEquals(404, p.status());
        assertEquals(List.of(SERVICE_ONLY), p.dimensionSets());
        assertFalse(p.record().has("Route"));
        assertFalse(p.record().has("Target"));
        assertRequestMetrics(p, 1, 0, 0);
        assertEquals(Set.of(), p.outcomeCounts());
    }

    @Test
    void eachDimensionSetting() throws Exception {
        Printed both = send(handler("route,target"), "GET", "/orders/1");
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE, BY_TARGET), both.dimensionSets());

        Printed byRoute = send(handler("route"), "GET", "/orders/1");
        assertEquals(List.of(SERVICE_ONLY, BY_ROUTE), byRoute.dimensionSets());
        assertEquals("orders", byRoute.text("Route"));
        assertFalse(byRoute.record().has("Target"));
        assertRequestMetrics(byRoute, 0, 0, 1);

        Printed serviceOnly = send(handler("none"), "GET", "/broken");
        assertEquals(List.of(SERVICE_ONLY), serviceOnly.dimensionSets());
        assertFalse(serviceOnly.record().has("Route"));
        assertFalse(serviceOnly.record().has("Target"));
        assertRequestMetrics(serviceOnly, 0, 1, 2);
        assertEquals(Set.of("WorkerFailed"), serviceOnly.outcomeCounts());
    }

    @Test
    void anUnknownDimensionSettingFailsTheInitNamingTheAllowedValues() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> RouterSettings.from(Map.of("ROUTER_METRICS_DIMENSIONS", "route,function")));
        assertEquals(
                "ROUTER_METRICS_DIMENSIONS must be one of 'route,target' (the default), 'route' or 'none', got"
                        + " 'route,function'",
                e.getMessage());
    }
}
