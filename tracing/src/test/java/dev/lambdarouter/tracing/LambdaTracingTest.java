package dev.lambdarouter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans through the real SDK to a loopback X-Ray daemon (UDP) or OTLP collector (HTTP), and the trace header. */
class LambdaTracingTest {

    private static final String ROOT = "1-5f0c1a2b-0123456789abcdef01234567";
    private static final String INCOMING = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";

    private final XRayDaemonStub daemon = new XRayDaemonStub();
    private final LambdaTracing tracing = LambdaTracing.toXRayDaemon(daemon.address(), "lambda-router");
    private final Tracer tracer = tracing.tracer("test");

    @AfterEach
    void close() {
        System.clearProperty(LambdaTracing.LAMBDA_TRACE_PROPERTY);
        daemon.close();
    }

    @Test
    void spansContinueTheIncomingTraceAsSubsegmentsWithAnnotationsAndMetadata() {
        Span request = tracer.spanBuilder("request")
                .setParent(tracing.invocationParent(INCOMING))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("route", "orders")
                .setAttribute("status", 200L)
                .setAttribute("rpc.method", "Invoke")
                .startSpan();
        try (Scope ignored = request.makeCurrent()) {
            tracer.spanBuilder("dispatch")
                    .setAttribute("target", "orders-v1")
                    .startSpan()
                    .end();
        }
        request.end();

        JsonNode dispatch = daemon.next();
        JsonNode requestDoc = daemon.next();
        assertEquals("dispatch", dispatch.get("name").asText());
        assertEquals(ROOT, dispatch.get("trace_id").asText());
        assertEquals("subsegment", dispatch.get("type").asText());
        assertEquals(requestDoc.get("id").asText(), dispatch.get("parent_id").asText());
        assertEquals("orders-v1", dispatch.get("annotations").get("target").asText());

        assertEquals("request", requestDoc.get("name").asText());
        assertEquals(ROOT, requestDoc.get("trace_id").asText());
        assertEquals("53995c3f42cd8ad8", requestDoc.get("parent_id").asText());
        assertEquals(16, requestDoc.get("id").asText().length());
        assertEquals("orders", requestDoc.get("annotations").get("route").asText());
        assertEquals(200, requestDoc.get("annotations").get("status").asInt());
        assertEquals(
                "Invoke",
                requestDoc.get("metadata").get("otel").get("rpc.method").asText());
        double start = requestDoc.get("start_time").asDouble();
        assertTrue(start <= requestDoc.get("end_time").asDouble());
        assertTrue(Math.abs(start - Instant.now().getEpochSecond()) < 600, "epoch seconds");
        assertFalse(requestDoc.has("fault"));
    }

    @Test
    void aSpanWithoutParentIsASegmentNamedAfterTheServiceWithAnXRayTraceId() {
        Span span = tracer.spanBuilder("request")
                .setParent(tracing.invocationParent(null))
                .startSpan();
        span.end();

        JsonNode segment = daemon.next();
        assertEquals("lambda-router", segment.get("name").asText());
        assertFalse(segment.has("type"));
        assertFalse(segment.has("parent_id"));
        String traceId = segment.get("trace_id").asText();
        assertTrue(traceId.matches("1-[0-9a-f]{8}-[0-9a-f]{24}"), traceId);
        long traceSeconds = Long.parseLong(traceId.substring(2, 10), 16);
        assertTrue(Math.abs(traceSeconds - Instant.now().getEpochSecond()) < 600, "time-based X-Ray trace id");
    }

    @Test
    void theLambdaRuntimesHeaderWinsOverTheEventsAndAnUnsampledTraceSendsNothing() {
        System.setProperty(
                LambdaTracing.LAMBDA_TRACE_PROPERTY,
                "Root=1-6a0b1c2d-00000000000000000000000a;Parent=1111111111111111;Sampled=0");
        tracer.spanBuilder("unsampled")
                .setParent(tracing.invocationParent(INCOMING))
                .startSpan()
                .end();
        System.setProperty(
                LambdaTracing.LAMBDA_TRACE_PROPERTY,
                "Root=1-6a0b1c2d-00000000000000000000000b;Parent=2222222222222222;Sampled=1");
        tracer.spanBuilder("sampled")
                .setParent(tracing.invocationParent(INCOMING))
                .startSpan()
                .end();

        JsonNode first = daemon.next();
        assertEquals("sampled", first.get("name").asText(), "the unsampled span was not sent");
        assertEquals(
                "1-6a0b1c2d-00000000000000000000000b", first.get("trace_id").asText());
        assertEquals("2222222222222222", first.get("parent_id").asText());
    }

    @Test
    void aFailedSpanIsAFaultWithItsCauseAndAnHttp429AThrottle() {
        Span failed = tracer.spanBuilder("dispatch")
                .setParent(tracing.invocationParent(INCOMING))
                .startSpan();
        failed.recordException(new IllegalStateException("boom"));
        failed.setStatus(StatusCode.ERROR);
        failed.end();
        Span throttled = tracer.spanBuilder("Lambda.Invoke")
                .setParent(tracing.invocationParent(INCOMING))
                .setAttribute("rpc.system", "aws-api")
                .setAttribute("rpc.service", "Lambda")
                .setAttribute("rpc.method", "Invoke")
                .setAttribute("aws.request_id", "req-1")
                .setAttribute("http.response.status_code", 429L)
                .startSpan();
        throttled.setStatus(StatusCode.ERROR);
        throttled.end();

        List<JsonNode> docs = daemon.next(2);
        JsonNode fault = docs.get(0);
        assertTrue(fault.get("fault").asBoolean());
        JsonNode exception = fault.get("cause").get("exceptions").get(0);
        assertEquals("java.lang.IllegalStateException", exception.get("type").asText());
        assertEquals("boom", exception.get("message").asText());

        JsonNode aws = docs.get(1);
        assertEquals("Lambda", aws.get("name").asText());
        assertEquals("aws", aws.get("namespace").asText());
        assertEquals("Invoke", aws.get("aws").get("operation").asText());
        assertEquals("req-1", aws.get("aws").get("request_id").asText());
        assertEquals(429, aws.get("http").get("response").get("status").asInt());
        assertTrue(aws.get("throttle").asBoolean());
        assertTrue(aws.get("error").asBoolean());
        assertFalse(aws.has("fault"));
    }

    @Test
    void theTraceHeaderNamesTheCurrentSpanAsParent() {
        Span span = tracer.spanBuilder("dispatch")
                .setParent(tracing.invocationParent(INCOMING))
                .startSpan();
        String header = LambdaTracing.traceHeader(Context.root().with(span));
        span.end();
        assertEquals("Root=" + ROOT + ";Parent=" + span.getSpanContext().getSpanId() + ";Sampled=1", header);
        assertNull(LambdaTracing.traceHeader(Context.root()));
    }

    @Test
    void theEnvironmentPicksTheExporter() throws Exception {
        assertSame(LambdaTracing.OFF, LambdaTracing.from(Map.of(), "svc"));
        assertFalse(LambdaTracing.OFF.on());
        assertEquals(Context.root(), LambdaTracing.OFF.invocationParent(INCOMING));

        LambdaTracing fromDaemonVariable = LambdaTracing.from(
                Map.of(
                        "AWS_XRAY_DAEMON_ADDRESS",
                        "127.0.0.1:" + daemon.address().getPort()),
                "svc");
        fromDaemonVariable
                .tracer("test")
                .spanBuilder("x")
                .setParent(fromDaemonVariable.invocationParent(INCOMING))
                .startSpan()
                .end();
        assertEquals(ROOT, daemon.next().get("trace_id").asText());

        InetSocketAddress lambdaDaemon = LambdaTracing.daemonAddress("169.254.79.129:2000");
        assertEquals("169.254.79.129:2000", lambdaDaemon.getHostString() + ":" + lambdaDaemon.getPort());
        InetSocketAddress udp = LambdaTracing.daemonAddress("tcp:127.0.0.1:2000 udp:127.0.0.1:2001");
        assertEquals("127.0.0.1:2001", udp.getHostString() + ":" + udp.getPort());
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> LambdaTracing.daemonAddress("localhost"));
        assertTrue(bad.getMessage().contains("AWS_XRAY_DAEMON_ADDRESS"), bad.getMessage());
        assertEquals(
                "http://localhost:4318/v1/traces",
                LambdaTracing.otlpTracesEndpoint(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318/")));
    }

    @Test
    void anOtlpEndpointGetsTheSpansOnFlush() throws Exception {
        BlockingQueue<String> posts = new ArrayBlockingQueue<>(10);
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            posts.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            LambdaTracing otlp = LambdaTracing.from(
                    Map.of(
                            "OTEL_EXPORTER_OTLP_ENDPOINT",
                            "http://127.0.0.1:" + collector.getAddress().getPort(),
                            "AWS_XRAY_DAEMON_ADDRESS",
                            "127.0.0.1:" + daemon.address().getPort()),
                    "svc");
            otlp.tracer("test").spanBuilder("request").startSpan().end();
            otlp.flush();
            String post = posts.poll(5, TimeUnit.SECONDS);
            assertTrue(post != null && post.startsWith("POST /v1/traces application/x-protobuf"), String.valueOf(post));
        } finally {
            collector.stop(0);
        }
    }
}
