package dev.lambdarouter.workers.reports;

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

class ReportJobHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReportJobHandler handler = new ReportJobHandler();

    @Test
    void summarisesJsonBodyInSingleValueMode() throws Exception {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("POST");
        event.setPath("/reports");
        event.setHeaders(Map.of(
                "x-router-route",
                "reports",
                "x-router-target",
                "report-jobs",
                "x-request-id",
                "job-7",
                "x-amzn-trace-id",
                "Root=1-67891233-abcdef012345678912345678"));
        event.setQueryStringParameters(Map.of("format", "csv"));
        event.setBody("{\"reportType\":\"daily-sales\",\"from\":\"2026-11-01\",\"to\":\"2026-11-22\"}");

        ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());

        assertEquals(200, response.getStatusCode());
        assertNull(response.getMultiValueHeaders());
        JsonNode report = JSON.readTree(response.getBody());
        assertEquals("job-7", report.get("reportId").asText());
        assertEquals("daily-sales", report.get("reportType").asText());
        assertEquals("reports", report.get("route").asText());
        assertEquals("report-jobs", report.get("target").asText());
        assertEquals(event.getBody().length(), report.get("bodyBytes").asInt());
        assertEquals("[\"from\",\"reportType\",\"to\"]", report.get("fields").toString());
        assertEquals("{\"format\":[\"csv\"]}", report.get("query").toString());
    }

    @Test
    void summarisesBase64TextBodyInMultiValueMode() throws Exception {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("POST");
        event.setPath("/reports");
        event.setMultiValueHeaders(Map.of("x-amzn-trace-id", List.of("Root=1-67891233-abcdef012345678912345678")));
        event.setMultiValueQueryStringParameters(Map.of("type", List.of("inventory")));
        event.setBody(Base64.getEncoder().encodeToString("abc\n".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());

        assertEquals(200, response.getStatusCode());
        assertNull(response.getHeaders());
        assertEquals(
                List.of("application/json"), response.getMultiValueHeaders().get("content-type"));
        JsonNode report = JSON.readTree(response.getBody());
        assertEquals("test-request-1", report.get("reportId").asText(), "falls back to the Lambda request id");
        assertEquals("inventory", report.get("reportType").asText());
        assertEquals(4, report.get("bodyBytes").asInt());
        assertEquals(1, report.get("lines").asInt());
        assertEquals(1, report.get("words").asInt());
        assertEquals(
                "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb",
                report.get("bodySha256").asText());
        assertEquals(0, report.get("fields").size());
    }

    @Test
    void refusesGet() {
        ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
        event.setHttpMethod("GET");
        event.setPath("/reports");
        event.setHeaders(Map.of());

        ApplicationLoadBalancerResponseEvent response = handler.handleRequest(event, new TestContext());

        assertEquals(405, response.getStatusCode());
        assertEquals("POST", response.getHeaders().get("allow"));
    }
}
