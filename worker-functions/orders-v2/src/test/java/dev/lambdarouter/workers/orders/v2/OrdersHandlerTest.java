package dev.lambdarouter.workers.orders.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.workers.support.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** This deployment answers as its own version (the API itself is tested in orders-service). */
class OrdersHandlerTest {

    @Test
    void answersAsItsOwnVersion() throws Exception {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("GET");
        event.setPath("/orders/42");
        event.setHeaders(Map.of("x-router-target", "orders-v2"));
        JsonNode body = new ObjectMapper()
                .readTree(new OrdersHandler()
                        .handleRequest(event, new TestContext())
                        .getBody());
        assertEquals("v2", body.get("version").asText());
        assertEquals("orders-v2", body.get("target").asText());
        assertEquals("[\"fast-checkout\"]", body.get("features").toString());
    }
}
