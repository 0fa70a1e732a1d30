package dev.lambdarouter.localstack.alb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaResponseReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsStatusHeadersAndBodyInTheTargetGroupsMode() throws Exception {
        AlbResponse single = new LambdaResponseReader(JSON, false).read(utf8("""
                {"statusCode": 201, "headers": {"content-type": "text/plain", "content-length": "999"},
                 "multiValueHeaders": {"ignored": ["x"]}, "body": "hi", "isBase64Encoded": false}"""));
        assertEquals(201, single.status());
        assertEquals(
                List.of(Map.entry("content-type", "text/plain")),
                single.headers(),
                "content-length is the load balancer's; the other mode's field is ignored");
        assertArrayEquals(utf8("hi"), single.body());

        AlbResponse multi = new LambdaResponseReader(JSON, true).read(utf8("""
                {"statusCode": 200, "multiValueHeaders": {"set-cookie": ["a=1", "b=2"]},
                 "body": "AAEC", "isBase64Encoded": true}"""));
        assertEquals(List.of(Map.entry("set-cookie", "a=1"), Map.entry("set-cookie", "b=2")), multi.headers());
        assertArrayEquals(new byte[] {0, 1, 2}, multi.body());
    }

    @Test
    void rejectsWhatTheLoadBalancerRejects() {
        LambdaResponseReader reader = new LambdaResponseReader(JSON, false);
        for (String invalid : List.of(
                "not json",
                "[1]",
                "{}",
                "{\"statusCode\": 99}",
                "{\"statusCode\": \"abc\"}",
                "{\"statusCode\": 200, \"headers\": {\"bad name\": \"x\"}}",
                "{\"statusCode\": 200, \"headers\": {\"x\": \"a\\r\\nb\"}}",
                "{\"statusCode\": 200, \"body\": \"***\", \"isBase64Encoded\": true}",
                "{\"statusCode\": 200, \"body\": 5}")) {
            assertThrows(Refusal.class, () -> reader.read(utf8(invalid)), invalid);
        }
        byte[] oversized = utf8("{\"statusCode\":200,\"body\":\"" + "x".repeat(1024 * 1024) + "\"}");
        Refusal e = assertThrows(Refusal.class, () -> reader.read(oversized));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }
}
