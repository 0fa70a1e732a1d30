package dev.lambdarouter.workers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdarouter.tracing.LambdaTracing;
import dev.lambdarouter.tracing.XRayDaemonStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker's invocation is a span of the router's trace, child of the dispatch span its event names. */
class WorkerTracingTest {

    private static final String ROOT = "1-5f0c1a2b-0123456789abcdef01234567";
    private static final String DISPATCH_SPAN = "a1b2c3d4e5f60718";

    private final XRayDaemonStub daemon = new XRayDaemonStub();
    private final WorkerTracing tracing = new WorkerTracing(LambdaTracing.toXRayDaemon(daemon.address(), "orders-v1"));

    @AfterEach
    void close() {
        daemon.close();
    }

    @Test
    void theInvocationContinuesTheTraceInTheEventAnnotatedWithRouteTargetAndStatus() {
        ApplicationLoadBalancerResponseEvent answer = tracing.handle(request(false), () -> status(201));
        assertEquals(201, answer.getStatusCode());

        JsonNode segment = daemon.next();
        assertEquals("handle", segment.get("name").asText());
        assertEquals(ROOT, segment.get("trace_id").asText());
        assertEquals("subsegment", segment.get("type").asText());
        assertEquals(DISPATCH_SPAN, segment.get("parent_id").asText());
        assertEquals("orders", segment.get("annotations").get("route").asText());
        assertEquals("orders-v1", segment.get("annotations").get("target").asText());
        assertEquals(201, segment.get("annotations").get("status").asInt());
        assertEquals(
                "/orders/7", segment.get("metadata").get("otel").get("url.path").asText());
    }

    @Test
    void multiValueHeadersCarryTheTraceToo() {
        tracing.handle(request(true), () -> status(200));
        JsonNode segment = daemon.next();
        assertEquals(ROOT, segment.get("trace_id").asText());
        assertEquals(DISPATCH_SPAN, segment.get("parent_id").asText());
    }

    @Test
    void aFailingHandlerIsAFaultAndStillThrows() {
        assertThrows(
                IllegalStateException.class,
                () -> tracing.handle(request(false), () -> {
                    throw new IllegalStateException("boom");
                }));
        JsonNode segment = daemon.next();
        assertTrue(segment.get("fault").asBoolean());
        assertEquals(
                "java.lang.IllegalStateException",
                segment.get("cause").get("exceptions").get(0).get("type").asText());
    }

    @Test
    void switchedOffTheHandlerJustRuns() {
        ApplicationLoadBalancerResponseEvent answer = status(204);
        assertSame(answer, WorkerTracing.NONE.handle(request(false), () -> answer));
    }

    private static AlbRequest request(boolean multiValue) {
        Map<String, String> headers = Map.of(
                "X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + DISPATCH_SPAN + ";Sampled=1",
                "x-router-route", "orders",
                "x-router-target", "orders-v1");
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("GET");
        event.setPath("/orders/7");
        if (multiValue) {
            event.setMultiValueHeaders(Map.of(
                    "x-amzn-trace-id", List.of(headers.get("X-Amzn-Trace-Id")),
                    "x-router-route", List.of("orders"),
                    "x-router-target", List.of("orders-v1")));
        } else {
            event.setHeaders(headers);
        }
        return AlbRequest.of(event);
    }

    private static ApplicationLoadBalancerResponseEvent status(int status) {
        ApplicationLoadBalancerResponseEvent response = new ApplicationLoadBalancerResponseEvent();
        response.setStatusCode(status);
        return response;
    }
}
