package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RequestReading;
import dev.lambdarouter.router.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbRequestDecoderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final AlbRequestDecoder decoder = new AlbRequestDecoder(mapper);

    private AlbRequest decode(String json) throws ProblemException {
        return decoder.decode(decoder.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event a worker would receive (the client's x-router-* headers were stripped from the ALB event before). */
    private JsonNode workerEvent(AlbRequest request) throws IOException {
        return mapper.readTree(new WorkerEventBuilder()
                .build(request, "route", "target", DispatchMode.SYNC, AsyncEventPolicy.DEFAULT, null));
    }

    private int status(String json) {
        return assertThrows(ProblemException.class, () -> decode(json))
                .problem()
                .status();
    }

    @Test
    void decodesSingleValueEvent() throws Exception {
        AlbRequest r = decode("""
                {"httpMethod":"get","path":"/orders/42","queryStringParameters":{"q":"a%20b","tag":"x+y"},
                 "headers":{"host":"API.example.com:443","x-forwarded-for":"6.6.6.6, 203.0.113.7",
                            "x-amzn-trace-id":"Root=1-abc","x-request-id":"req-1"},"body":null,"isBase64Encoded":false}
                """);
        assertFalse(r.multiValueHeaders());
        assertEquals("GET", r.routing().method());
        assertEquals("api.example.com", r.routing().host());
        assertEquals("/orders/42", r.routing().path());
        assertEquals(List.of("a b"), r.routing().queryParams().get("q"));
        assertEquals(List.of("x y"), r.routing().queryParams().get("tag"));
        assertEquals("203.0.113.7", r.routing().sourceIp(), "the ALB-appended (last) entry is the client");
        assertEquals("Root=1-abc", r.traceId());
        assertEquals("req-1", r.requestId());
    }

    @Test
    void decodesMultiValueEvent() throws Exception {
        AlbRequest r = decode("""
                {"httpMethod":"GET","path":"/orders","multiValueQueryStringParameters":{"tag":["a","b%2Fc"]},
                 "multiValueHeaders":{"host":["api.example.com"],"x-forwarded-for":["1.1.1.1","198.51.100.2"],
                                      "accept":["a/b","c/d"]}}
                """);
        assertTrue(r.multiValueHeaders());
        assertEquals(List.of("a", "b/c"), r.routing().queryParams().get("tag"));
        assertEquals(List.of("a/b", "c/d"), r.routing().headers().get("accept"));
        assertEquals("198.51.100.2", r.routing().sourceIp());
    }

    @Test
    void stripsClientRouterHeadersInBothModes() throws Exception {
        AlbRequest single = decode("""
                {"httpMethod":"GET","path":"/","headers":{"X-Router-Target":"evil","x-router-route":"evil","a":"1"}}
                """);
        assertNull(single.routing().firstHeader("x-router-target"));
        JsonNode singleHeaders = workerEvent(single).get("headers");
        assertFalse(singleHeaders.has("X-Router-Target"));
        assertEquals("route", singleHeaders.get("x-router-route").textValue(), "the router's, not the client's");
        assertTrue(singleHeaders.has("a"));

        AlbRequest multi = decode("""
                {"httpMethod":"GET","path":"/","multiValueHeaders":{"x-router-target":["evil"],"a":["1"]}}
                """);
        assertNull(multi.routing().firstHeader("x-router-target"));
        JsonNode multiHeaders = workerEvent(multi).get("multiValueHeaders");
        assertEquals("[\"target\"]", multiHeaders.get("x-router-target").toString(), "the router's, not the client's");
        assertTrue(multiHeaders.has("a"));
    }

    @Test
    void generatesRequestIdWhenClientIdIsMissingOrMalformed() throws Exception {
        AlbRequest missing = decode("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{}}");
        assertNotNull(missing.requestId());
        AlbRequest malformed =
                decode("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x-request-id\":\"a b<c>\"}}");
        assertFalse(malformed.requestId().contains(" "));
    }

    @Test
    void measuresBase64Body() throws Exception {
        String body = Base64.getEncoder().encodeToString(new byte[1000]);
        AlbRequest r =
                decode("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"" + body + "\",\"isBase64Encoded\":true}");
        assertEquals(1000, r.bodyBytes());
    }

    @Test
    void rejectsMalformedEventsWith400() {
        assertEquals(400, status("not json"));
        assertEquals(400, status("[1,2]"));
        assertEquals(400, status("{\"path\":\"/\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"relative\"}"));
        assertEquals(400, status("{\"httpMethod\":\"G E\",\"path\":\"/\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/a\\r\\nb\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"a\":{\"b\":1}}}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"queryStringParameters\":{\"q\":\"%zz\"}}"));
        assertEquals(400, status("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"***\",\"isBase64Encoded\":true}"));
        assertEquals(
                400, status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"multiValueHeaders\":{\"a\":\"not-array\"}}"));
    }

    @Test
    void rejectsHostileInputWith400() {
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/orders/../admin\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/orders/%2e%2E/admin\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/./x\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/a\\u0000b\"}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/" + "a".repeat(9000) + "\"}"));
        assertEquals(
                400, status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x\":\"a\\r\\nSet-Cookie: evil\"}}"));
        assertEquals(
                400,
                status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"multiValueHeaders\":{\"x\":[\"ok\",\"a\\u0000\"]}}"));
        assertEquals(400, status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"bad name\":\"v\"}}"));
        assertEquals(
                400,
                status("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x\":\"" + "v".repeat(20000) + "\"}}"));
        StringBuilder many = new StringBuilder("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{");
        for (int i = 0; i < 3000; i++) {
            many.append(i == 0 ? "" : ",").append("\"h").append(i).append("\":\"v\"");
        }
        assertEquals(400, status(many.append("}}").toString()));
    }

    @Test
    void dotsInsideSegmentsAreNotTraversal() throws Exception {
        assertEquals(
                "/files/a..b/.hidden/v1.2",
                decode("{\"httpMethod\":\"GET\",\"path\":\"/files/a..b/.hidden/v1.2\"}")
                        .routing()
                        .path());
    }

    @Test
    void rejectsBodiesOverOneMegabyteWith413() {
        String text = "x".repeat(AlbRequestDecoder.MAX_BODY_BYTES + 1);
        assertEquals(413, status("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"" + text + "\"}"));
        String b64 = Base64.getEncoder().encodeToString(new byte[AlbRequestDecoder.MAX_BODY_BYTES + 1]);
        assertEquals(
                413,
                status("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"" + b64 + "\",\"isBase64Encoded\":true}"));
    }

    @Test
    void acceptsBodyOfExactlyOneMegabyte() throws Exception {
        String text = "x".repeat(AlbRequestDecoder.MAX_BODY_BYTES);
        AlbEvent event = decoder.parse(("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"" + text + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(AlbRequestDecoder.MAX_BODY_BYTES, decoder.decode(event).bodyBytes());
    }

    @Test
    void hostPortAndIpv6AreNormalised() {
        assertEquals("example.com", RequestReading.host("Example.COM:8080"));
        assertEquals("[::1]", RequestReading.host("[::1]:8080"));
        assertNull(RequestReading.host(""));
    }
}
