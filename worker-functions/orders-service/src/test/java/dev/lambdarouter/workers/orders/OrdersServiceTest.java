package dev.lambdarouter.workers.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.workers.support.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orders API, through a test version with one feature. */
class OrdersServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OrdersService handler = new OrdersService("v2", List.of("fast-checkout")) {};

    @Test
    void getOrderAnswersInSingleValueMode() throws Exception {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("GET");
        event.setPath("/orders/42");
        event.setHeaders(Map.of("x-router-route", "orders", "x-router-target", "orders-v2", "x-request-id", "req-1"));

        ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());

        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("content-type"));
        assertNull(response.getMultiValueHeaders());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("orders", body.get("service").asText());
        assertEquals("v2", body.get("version").asText());
        assertEquals("orders", body.get("route").asText());
        assertEquals("orders-v2", body.get("target").asText());
        assertEquals("req-1", body.get("requestId").asText());
        assertEquals("GET", body.get("method").asText());
        assertEquals("/orders/42", body.get("path").asText());
        assertEquals("42", body.get("order").get("id").asText());
        assertEquals("[\"fast-checkout\"]", body.get("features").toString());
    }

    @Test
    void listAnswersInMultiValueMode() throws Exception {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("GET");
        event.setPath("/orders");
        event.setMultiValueHeaders(Map.of("x-router-route", List.of("orders")));
        event.setMultiValueQueryStringParameters(Map.of("tag", List.of("a", "b")));

        ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());

        assertEquals(200, response.getStatusCode());
        assertNull(response.getHeaders());
        assertEquals(
                List.of("application/json"), response.getMultiValueHeaders().get("content-type"));
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("[\"a\",\"b\"]", body.get("tags").toString());
        assertEquals(3, body.get("orders").size());
    }

    @Test
    void postDecodesBase64BodyAndEchoesItsSize() throws Exception {
        byte[] payload = "{\"sku\":\"BOOK-1\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("POST");
        event.setPath("/orders");
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(Base64.getEncoder().encodeToString(payload));
        event.setIsBase64Encoded(true);

        ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());

        assertEquals(201, response.getStatusCode());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals(payload.length, body.get("receivedBytes").asInt());
        assertEquals(
                "/orders/" + body.get("order").get("id").asText(),
                response.getHeaders().get("location"));
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodIsNotAllowed() {
        ApplicationLoadBalancerRequestEvent missing = new ApplicationLoadBalancerRequestEvent();
        missing.setHttpMethod("GET");
        missing.setPath("/invoices/1");
        missing.setHeaders(Map.of());
        ApplicationLoadBalancerRequestEvent delete = new ApplicationLoadBalancerRequestEvent();
        delete.setHttpMethod("DELETE");
        delete.setPath("/orders/42");
        delete.setHeaders(Map.of());

        assertEquals(404, handler.handleRequest(missing, new TestContext()).getStatusCode());
        ApplicationLoadBalancerResponseEvent notAllowed = handler.handleRequest(delete, new TestContext());
        assertEquals(405, notAllowed.getStatusCode());
        assertEquals("GET", notAllowed.getHeaders().get("allow"));
    }
}
