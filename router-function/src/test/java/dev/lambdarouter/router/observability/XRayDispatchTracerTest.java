package dev.lambdarouter.router.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each dispatch is an X-Ray subsegment annotated with route, target and mode; failures are recorded on it. */
class XRayDispatchTracerTest {

    private final XRayDispatchTracer tracer = XRayDispatchTracer.install();

    @AfterEach
    void clear() {
        AWSXRay.getGlobalRecorder().clearTraceEntity();
    }

    @Test
    void dispatchRunsInsideAnAnnotatedSubsegment() {
        Segment segment = AWSXRay.beginSegment("router");
        String result = tracer.traceDispatch("orders", "orders-v2", "sync", () -> {
            Subsegment current = AWSXRay.getCurrentSubsegment();
            assertEquals("dispatch", current.getName());
            return "answered";
        });
        assertEquals("answered", result);
        List<Subsegment> children = segment.getSubsegments();
        assertEquals(1, children.size());
        Subsegment dispatch = children.get(0);
        assertEquals("orders", dispatch.getAnnotations().get("route"));
        assertEquals("orders-v2", dispatch.getAnnotations().get("target"));
        assertEquals("sync", dispatch.getAnnotations().get("mode"));
        AWSXRay.endSegment();
    }

    @Test
    void aFailingDispatchMarksTheSubsegment() {
        Segment segment = AWSXRay.beginSegment("router");
        assertThrows(
                IllegalStateException.class,
                () -> tracer.traceDispatch("orders", "orders-v1", "sync", () -> {
                    throw new IllegalStateException("boom");
                }));
        Subsegment dispatch = segment.getSubsegments().get(0);
        assertTrue(dispatch.isFault() || dispatch.isError(), "the exception is recorded");
        AWSXRay.endSegment();
    }

    @Test
    void withoutASegmentTheDispatchStillRuns() {
        assertEquals(42, tracer.traceDispatch("r", "t", "async", () -> 42));
    }
}
