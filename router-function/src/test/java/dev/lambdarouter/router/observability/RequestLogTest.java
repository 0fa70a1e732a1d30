package dev.lambdarouter.router.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.RequestRouter;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.RouterWiring;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** The per-request JSON line, through the production log4j2 configuration and Powertools' JSON layout. */
class RequestLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An ALB event: method, path, and more headers (each preceded by a comma). */
    private static final String EVENT = """
            {"httpMethod":"%s","path":"%s","headers":{"host":"a.example.com","x-forwarded-for":"203.0.113.7"%s},
             "body":""}""";

    /**
     * Collects what the production JSON layout writes and, through {@link #requestLog}, the request lines: every line
     * the router writes, in order.
     */
    static final class Capture extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        /** Collects whole lines written to it (what a request log writes to standard output). */
        final PrintStream stream = new PrintStream(
                new OutputStream() {
                    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                    @Override
                    public synchronized void write(int b) {
                        if (b == '\n') {
                            lines.add(line.toString(StandardCharsets.UTF_8).trim());
                            line.reset();
                        } else {
                            line.write(b);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8);

        Capture(Layout<? extends Serializable> layout) {
            super("capture", null, layout, true, Property.EMPTY_ARRAY);
        }

        /** The production request log, writing to {@link #stream}. */
        RequestLog requestLog() {
            return RequestLog.writingTo(() -> stream);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8).trim());
        }
    }

    private Capture capture;

    @BeforeEach
    void attach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        capture = new Capture(config.getAppender("JsonAppender").getLayout());
        capture.start();
        config.getLoggerConfig("dev.lambdarouter").addAppender(capture, null, null);
        context.updateLoggers();
    }

    @AfterEach
    void detach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("dev.lambdarouter").removeAppender("capture");
        context.updateLoggers();
    }

    @Test
    void oneJsonLinePerRequestWithCorrelationIdAndNoSecrets() throws Exception {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("3", List.of(new RouteParameter("/p/r", """
                {"name":"orders","priority":1,"match":{"paths":[{"prefix":"/orders"}]},
                 "targets":[{"function":"orders-v1","weight":1}]}"""))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        byte[] answer = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        RequestRouter router = RouterWiring.builder(
                        settings, tables, invocation -> new DispatchOutcome.Responded(answer, "lambda-req-9"))
                .mapper(JSON)
                .requestLog(capture.requestLog())
                .build()
                .router();
        router.handle("""
                {"httpMethod":"GET","path":"/orders/1","headers":{"host":"a.example.com",
                 "authorization":"Bearer secret-token","cookie":"session=secret-cookie",
                 "x-amzn-trace-id":"Root=1-abc-def"},"body":""}""".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        List<String> requestLines = capture.lines.stream()
                .filter(l -> l.contains("request completed"))
                .toList();
        assertEquals(1, requestLines.size(), capture.lines.toString());
        JsonNode line = JSON.readTree(requestLines.get(0));
        assertEquals("Root=1-abc-def", line.get("correlation_id").asText());
        assertEquals("orders", line.get("route").asText());
        assertEquals("orders-v1", line.get("target").asText());
        assertEquals("sync", line.get("mode").asText());
        assertEquals(200, line.get("status").asInt());
        assertEquals("lambda-req-9", line.get("lambda_request_id").asText());
        assertTrue(line.has("latency_ms"));
        assertEquals("single", line.get("pick").asText());
        for (String l : capture.lines) {
            assertFalse(l.contains("secret-token") || l.contains("secret-cookie"), "secrets in the log: " + l);
        }
    }

    private static final String STICKY_HEADERS =
            ",\"x-user\":\"sticky-user-4711\",\"cookie\":\"session=sticky-session-0815\"";

    /** The request line's {@code pick}: how the target was picked, never the sticky key's value. */
    @Test
    void theRequestLineSaysHowTheTargetWasPicked() throws Exception {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("4", List.of(new RouteParameter("/p/r", """
                [{"name":"weighted","priority":1,"match":{"paths":[{"prefix":"/weighted"}]},
                  "targets":[{"function":"a","weight":1},{"function":"b","weight":1}]},
                 {"name":"by-header","priority":2,"match":{"paths":[{"prefix":"/by-header"}]},
                  "stickiness":{"type":"header","name":"x-user"},
                  "targets":[{"function":"a","weight":1},{"function":"b","weight":1}]},
                 {"name":"by-cookie","priority":3,"match":{"paths":[{"prefix":"/by-cookie"}]},
                  "stickiness":{"type":"cookie","name":"session"},
                  "targets":[{"function":"a","weight":1},{"function":"b","weight":1}]},
                 {"name":"by-ip","priority":4,"match":{"paths":[{"prefix":"/by-ip"}]},
                  "stickiness":{"type":"sourceIp"},
                  "targets":[{"function":"a","weight":1},{"function":"b","weight":1}]},
                 {"name":"single","priority":5,"match":{"paths":[{"prefix":"/single"}]},
                  "targets":[{"function":"a","weight":1}]},
                 {"name":"fixed","priority":6,"match":{"paths":[{"prefix":"/fixed"}]},
                  "fixedResponse":{"status":200,"contentType":"text/plain","body":"fixed"}},
                 {"name":"failing","priority":7,"match":{"paths":[{"prefix":"/failing"}]},
                  "targets":[{"function":"down","weight":1}]},
                 {"name":"guarded","priority":8,"match":{"paths":[{"prefix":"/guarded"}]},
                  "targets":[{"function":"down","weight":1}],"fallback":"a"}]"""))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        byte[] ok = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        RequestRouter router = RouterWiring.builder(
                        settings,
                        tables,
                        invocation -> invocation.functionName().equals("down")
                                ? new DispatchOutcome.FunctionFailed(
                                        "Unhandled", "{}".getBytes(StandardCharsets.UTF_8), "x")
                                : new DispatchOutcome.Responded(ok, "lambda-req"))
                .mapper(JSON)
                .requestLog(capture.requestLog())
                .build()
                .router();
        for (int i = 0; i < 10; i++) { // ten failures open the circuit of "down"
            send(router, "POST", "/failing", "");
        }
        capture.lines.clear();

        Map<String, String> picks = new java.util.LinkedHashMap<>();
        picks.put("/weighted", "weighted");
        picks.put("/by-header", "sticky:header");
        picks.put("/by-cookie", "sticky:cookie");
        picks.put("/by-ip", "sticky:source-ip");
        picks.put("/single", "single");
        picks.put("/fixed", "fixed");
        picks.put("/guarded", "fallback");
        for (Map.Entry<String, String> expected : picks.entrySet()) {
            capture.lines.clear();
            send(router, "GET", expected.getKey(), STICKY_HEADERS);
            List<String> lines = capture.lines.stream()
                    .filter(l -> l.contains("request completed"))
                    .toList();
            assertEquals(1, lines.size(), capture.lines.toString());
            assertEquals(
                    expected.getValue(), JSON.readTree(lines.get(0)).get("pick").asText(), expected.getKey());
            for (String l : capture.lines) {
                assertFalse(
                        l.contains("sticky-user-4711") || l.contains("sticky-session-0815"),
                        "a sticky key in the log: " + l);
            }
        }
    }

    /** The request line's {@code fault}: what the route's fault injection did, absent when it did nothing. */
    @Test
    void theRequestLineSaysWhichFaultWasInjected() throws Exception {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("5", List.of(new RouteParameter("/p/r", """
                [{"name":"aborted","priority":1,"match":{"paths":[{"prefix":"/aborted"}]},
                  "targets":[{"function":"a","weight":1}],"fault":{"abort":{"percent":100,"status":503}}},
                 {"name":"delayed","priority":2,"match":{"paths":[{"prefix":"/delayed"}]},
                  "targets":[{"function":"a","weight":1}],"fault":{"delay":{"percent":100,"ms":1}}},
                 {"name":"only-b","priority":3,"match":{"paths":[{"prefix":"/only-b"}]},
                  "targets":[{"function":"a","weight":1}],
                  "fault":{"abort":{"percent":100,"status":503},"target":"a","header":{"name":"x-fault"}}}]"""))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        byte[] ok = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        RequestRouter router = RouterWiring.builder(
                        settings, tables, invocation -> new DispatchOutcome.Responded(ok, "lambda-req"))
                .mapper(JSON)
                .requestLog(capture.requestLog())
                .build()
                .router();
        Map<String, String> faults = new java.util.LinkedHashMap<>();
        faults.put("/aborted", "abort");
        faults.put("/delayed", "delay");
        faults.put("/only-b", null);
        for (Map.Entry<String, String> expected : faults.entrySet()) {
            capture.lines.clear();
            send(router, "GET", expected.getKey(), "");
            List<String> lines = capture.lines.stream()
                    .filter(l -> l.contains("request completed"))
                    .toList();
            assertEquals(1, lines.size(), capture.lines.toString());
            JsonNode fault = JSON.readTree(lines.get(0)).path("fault");
            assertEquals(
                    expected.getValue(), fault.isTextual() ? fault.asText() : null, expected.getKey() + ": " + lines);
        }
    }

    /**
     * The request line has the fields, order, types and values that Powertools' JSON layout (which writes the
     * router's other lines, and wrote this one before) gives the same request in the same Lambda context: compared
     * with a line logged through the production log4j2 configuration, timestamps aside.
     */
    @Test
    void theRequestLineIsWhatPowertoolsJsonLayoutWrites() throws Exception {
        RequestOutcome[] outcomes = {
            new RequestOutcome(
                    "req-1",
                    "GET",
                    "/orders/\"1\"",
                    "orders",
                    "orders-v1",
                    "sync",
                    200,
                    12L,
                    "lambda-req-9",
                    null,
                    1,
                    false,
                    "weighted",
                    null),
            new RequestOutcome(
                    "req-2",
                    "POST",
                    "/pay",
                    "pay",
                    "pay-v2",
                    "async",
                    503,
                    0L,
                    null,
                    "worker-failed",
                    3,
                    true,
                    "fallback",
                    InjectedFault.of(true, true)),
            new RequestOutcome(
                    null, "GET", "/nowhere", null, null, null, 404, 1L, null, "no-route", 0, false, null, null)
        };
        for (boolean inLambda : new boolean[] {true, false}) {
            for (RequestOutcome o : outcomes) {
                capture.lines.clear();
                try {
                    if (inLambda) {
                        PowertoolsLogging.initializeLogging(LambdaContextLogFieldsTest.context("fn-req-" + o.status()));
                        MDC.put("sampling_rate", o.status() == 503 ? "0.25" : "0.0");
                    }
                    RequestLog log = capture.requestLog();
                    log.begin(o.status() == 404 ? null : "Root=1-abc-" + o.status());
                    logThroughPowertoolsLayout(o);
                    log.completed(o);
                } finally {
                    MDC.clear();
                }
                assertEquals(2, capture.lines.size(), capture.lines.toString());
                JsonNode powertools = JSON.readTree(capture.lines.get(0));
                JsonNode ours = JSON.readTree(capture.lines.get(1));
                for (JsonNode line : List.of(powertools, ours)) {
                    assertTrue(
                            line.path("timestamp")
                                    .asText()
                                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                            line.toString());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("timestamp");
                }
                assertEquals(fieldNames(powertools), fieldNames(ours), capture.lines.toString());
                assertEquals(powertools, ours, capture.lines.toString());
            }
        }
    }

    /** The request line as the router wrote it before: through slf4j, log4j2 and Powertools' layout. */
    private static void logThroughPowertoolsLayout(RequestOutcome o) {
        Object[] fields = {
            entry("request_id", o.requestId()),
            entry("method", o.method()),
            entry("path", o.path()),
            entry("route", o.route()),
            entry("target", o.target()),
            entry("pick", o.pick()),
            entry("mode", o.mode()),
            entry("status", o.status()),
            entry("latency_ms", o.latencyMillis()),
            entry("lambda_request_id", o.lambdaRequestId()),
            entry("problem", o.problem()),
            entry("attempts", o.attempts()),
            entry("fallback", o.fallback()),
            entry("fault", o.fault() == null ? null : o.fault().label())
        };
        Logger requests = LoggerFactory.getLogger("dev.lambdarouter.router.requests");
        if (o.status() >= 500) {
            requests.warn("request completed", fields);
        } else {
            requests.info("request completed", fields);
        }
    }

    private static List<String> fieldNames(JsonNode line) {
        List<String> names = new java.util.ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void timestampsAreUtcToTheMillisecond() {
        assertEquals("1970-01-01T00:00:00.000Z", UtcTimestamp.format(0L));
        assertEquals("2026-12-02T14:16:08.970Z", UtcTimestamp.format(1_796_220_968_970L));
        assertEquals("2026-12-02T14:16:08.007Z", UtcTimestamp.format(1_796_220_968_007L));
        assertEquals("2026-12-02T14:16:09.000Z", UtcTimestamp.format(1_796_220_969_000L));
        assertEquals("1969-12-31T23:59:59.999Z", UtcTimestamp.format(-1L));
    }

    private static void send(RequestRouter router, String method, String path, String extraHeaders) {
        String event = EVENT.formatted(method, path, extraHeaders);
        router.handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }
}
