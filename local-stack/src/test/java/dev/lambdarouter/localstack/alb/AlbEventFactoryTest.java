package dev.lambdarouter.localstack.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbEventFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123";

    private static IncomingRequest request(String query, List<Map.Entry<String, String>> headers, byte[] body) {
        return new IncomingRequest("POST", "/orders/a%20b", query, headers, body, "10.1.2.3", 8080);
    }

    @Test
    void multiValueModeKeepsEveryValueAsReceived() {
        JsonNode event = new AlbEventFactory(JSON, ARN, true)
                .event(request(
                        "tag=a%20b&tag=c&flag",
                        List.of(
                                Map.entry("X-Tag", "1"),
                                Map.entry("x-tag", "2"),
                                Map.entry("X-Forwarded-For", "1.1.1.1")),
                        new byte[0]));

        assertEquals(
                ARN,
                event.path("requestContext").path("elb").path("targetGroupArn").asText());
        assertEquals("POST", event.path("httpMethod").asText());
        assertEquals("/orders/a%20b", event.path("path").asText());
        assertEquals(
                "[\"a%20b\",\"c\"]",
                event.path("multiValueQueryStringParameters").path("tag").toString());
        assertEquals(
                "[\"\"]",
                event.path("multiValueQueryStringParameters").path("flag").toString());
        assertEquals(
                "[\"1\",\"2\"]", event.path("multiValueHeaders").path("x-tag").toString());
        assertEquals(
                "1.1.1.1, 10.1.2.3",
                event.path("multiValueHeaders").path("x-forwarded-for").get(0).asText());
        assertEquals(
                "http",
                event.path("multiValueHeaders").path("x-forwarded-proto").get(0).asText());
        assertEquals(
                "8080",
                event.path("multiValueHeaders").path("x-forwarded-port").get(0).asText());
        assertTrue(event.path("multiValueHeaders")
                .path("x-amzn-trace-id")
                .get(0)
                .asText()
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"));
        assertFalse(event.has("headers"));
        assertFalse(event.has("queryStringParameters"));
        assertEquals("", event.path("body").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());
    }

    @Test
    void singleValueModeKeepsTheLastValueOfARepeatedName() {
        JsonNode event = new AlbEventFactory(JSON, ARN, false)
                .event(request("tag=a&tag=b", List.of(Map.entry("X-Tag", "1"), Map.entry("X-Tag", "2")), new byte[0]));
        assertEquals("b", event.path("queryStringParameters").path("tag").asText());
        assertEquals("2", event.path("headers").path("x-tag").asText());
        assertEquals("10.1.2.3", event.path("headers").path("x-forwarded-for").asText());
        assertFalse(event.has("multiValueHeaders"));
    }

    @Test
    void textBodiesStayTextAndEverythingElseIsBase64() {
        AlbEventFactory factory = new AlbEventFactory(JSON, ARN, false);
        byte[] json = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        JsonNode text = factory.event(
                request(null, List.of(Map.entry("Content-Type", "application/json; charset=utf-8")), json));
        assertEquals("{\"a\":\"é\"}", text.path("body").asText());
        assertFalse(text.path("isBase64Encoded").asBoolean());

        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        JsonNode binary = factory.event(request(null, List.of(Map.entry("Content-Type", "image/png")), png));
        assertTrue(binary.path("isBase64Encoded").asBoolean());
        assertEquals(
                Base64.getEncoder().encodeToString(png), binary.path("body").asText());

        JsonNode untyped = factory.event(request(null, List.of(), "plain".getBytes(StandardCharsets.UTF_8)));
        assertTrue(untyped.path("isBase64Encoded").asBoolean(), "a body without Content-Type is binary");
    }

    @Test
    void aClientTraceIdIsKept() {
        JsonNode event = new AlbEventFactory(JSON, ARN, false)
                .event(request(
                        null,
                        List.of(Map.entry("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")),
                        new byte[0]));
        assertEquals(
                "Root=1-5759e988-bd862e3fe1be46a994272793",
                event.path("headers").path("x-amzn-trace-id").asText());
    }
}
