package dev.lambdarouter.workers.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbRequestTest {

    @Test
    void readsSingleValueEvent() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("get");
        event.setPath("/orders");
        event.setHeaders(Map.of("X-Request-Id", "abc"));
        event.setQueryStringParameters(Map.of("q", "a%20b"));

        AlbRequest request = AlbRequest.of(event);

        assertFalse(request.multiValueHeaders());
        assertEquals("GET", request.method());
        assertEquals("/orders", request.path());
        assertEquals("abc", request.header("x-request-id"));
        assertEquals(List.of("a b"), request.queryValues("q"));
        assertNull(request.header("absent"));
        assertEquals(0, request.body().length);
    }

    @Test
    void readsMultiValueEvent() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("GET");
        event.setPath("/orders");
        event.setMultiValueHeaders(Map.of("accept", List.of("application/json", "text/plain")));
        event.setMultiValueQueryStringParameters(Map.of("tag", List.of("a", "b%2Bc")));

        AlbRequest request = AlbRequest.of(event);

        assertTrue(request.multiValueHeaders());
        assertEquals("application/json", request.header("Accept"));
        assertEquals(List.of("a", "b+c"), request.queryValues("tag"));
        assertEquals(List.of(), request.queryValues("other"));
    }

    @Test
    void decodesBase64Body() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        byte[] payload = "{\"sku\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);
        event.setBody(Base64.getEncoder().encodeToString(payload));
        event.setIsBase64Encoded(true);

        assertArrayEquals(payload, AlbRequest.of(event).body());
    }

    @Test
    void rejectsBodyThatIsNotBase64() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setBody("not base64 at all!");
        event.setIsBase64Encoded(true);

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> AlbRequest.of(event).body());
        assertTrue(e.getMessage().contains("base64"), e.getMessage());
    }
}
