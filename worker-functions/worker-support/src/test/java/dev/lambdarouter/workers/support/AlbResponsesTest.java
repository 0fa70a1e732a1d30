package dev.lambdarouter.workers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbResponsesTest {

    @Test
    void answersSingleValueRequestWithHeaders() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHeaders(Map.of("host", "api.example.com"));

        ApplicationLoadBalancerResponseEvent response =
                AlbResponses.json(AlbRequest.of(event), 201, Map.of("id", "1"), Map.of("Location", "/orders/1"));

        assertEquals(201, response.getStatusCode());
        assertEquals("201 Created", response.getStatusDescription());
        assertEquals("{\"id\":\"1\"}", response.getBody());
        assertEquals("application/json", response.getHeaders().get("content-type"));
        assertEquals("/orders/1", response.getHeaders().get("location"));
        assertNull(response.getMultiValueHeaders());
    }

    @Test
    void answersMultiValueRequestWithMultiValueHeaders() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setMultiValueHeaders(Map.of("host", List.of("api.example.com")));

        ApplicationLoadBalancerResponseEvent response =
                AlbResponses.problem(AlbRequest.of(event), 404, "nothing at /x");

        assertEquals(404, response.getStatusCode());
        assertEquals(
                List.of("application/problem+json"),
                response.getMultiValueHeaders().get("content-type"));
        assertNull(response.getHeaders());
        assertEquals(
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"nothing at /x\"}",
                response.getBody());
    }
}
