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

    /** The body's size is read from the raw bytes when it has no JSON escape, else from the decoded string. */
    @Test
    void measuresBodiesWithAndWithoutJsonEscapes() throws Exception {
        for (String body : List.of("AAEC/w==", "AAEC\\/w==", "\\u0041AEC/w==")) {
            AlbRequest r = decode(
                    "{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"" + body + "\",\"isBase64Encoded\":true}");
            assertEquals(4, r.bodyBytes(), body);
        }
        assertEquals(
                400,
                status(
                        "{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"AAEC\\u00e9w==\",\"isBase64Encoded\":true}"));
        assertEquals(
                400,
                status("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"AAEC\u00e9w==\",\"isBase64Encoded\":true}"));
        AlbRequest text = decode("{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"\u00e9\\u00e9\\n\ud83d\ude00\"}");
        assertEquals(2 + 2 + 1 + 4, text.bodyBytes());
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

    private String detail(String json) {
        return assertThrows(ProblemException.class, () -> decode(json))
                .problem()
                .detail();
    }

    /** The router and the worker must read the same field: a field, header or query parameter named twice is a 400. */
    @Test
    void rejectsFieldsNamedTwice() throws Exception {
        assertEquals(
                "The load balancer event has the field 'path' more than once; an ALB sends each field once.",
                detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"path\":\"/admin\"}"));
        assertEquals(
                "The load balancer event has the field 'headers' more than once; an ALB sends each field once.",
                detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{},\"h\\u0065aders\":{}}"));
        assertEquals(
                "The load balancer event's 'requestContext' has the field 'elb' more than once; an ALB sends each"
                        + " field once.",
                detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":"
                        + "{\"elb\":{\"targetGroupArn\":\"a\"},\"elb\":{\"targetGroupArn\":\"b\"}}}"));
        // Fields an ALB does not send are neither read nor forwarded: twice is no ambiguity.
        assertEquals(
                "/",
                decode("{\"httpMethod\":\"GET\",\"path\":\"/\",\"x\":1,\"x\":2}")
                        .routing()
                        .path());
    }

    @Test
    void rejectsHeadersNamedTwiceInAnyCase() throws Exception {
        String twice = "The load balancer event has a header name more than once (names are case-insensitive); an ALB"
                + " sends each header once.";
        assertEquals(
                twice, detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"Host\":\"a\",\"host\":\"b\"}}"));
        assertEquals(
                twice,
                detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"host\":\"a\",\"ho\\u0073t\":\"b\"}}"));
        assertEquals(
                twice,
                detail(
                        "{\"httpMethod\":\"GET\",\"path\":\"/\",\"multiValueHeaders\":{\"x-a\":[\"1\"],\"X-A\":[\"2\"]}}"));
        // Client x-router-* headers are stripped, however many.
        AlbRequest stripped = decode(
                "{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x-router-route\":\"a\",\"X-Router-Route\":\"b\"}}");
        assertFalse(workerEvent(stripped).get("headers").toString().contains("\"a\""));
    }

    @Test
    void rejectsQueryParametersNamedTwiceAndMergesNamesThatDecodeAlike() throws Exception {
        assertEquals(
                "The load balancer event has a query parameter name more than once; an ALB sends each once.",
                detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"queryStringParameters\":{\"q\":\"1\",\"q\":\"2\"}}"));
        AlbRequest merged =
                decode("{\"httpMethod\":\"GET\",\"path\":\"/\",\"queryStringParameters\":{\"a\":\"1\",\"%61\":\"2\"}}");
        assertEquals(List.of("1", "2"), merged.routing().queryParams().get("a"));
    }

    /** Names and values are compared decoded; the worker event keeps the client's escapes, which decode alike. */
    @Test
    void readsJsonEscapesDecodedAndForwardsThemAsSent() throws Exception {
        AlbRequest r = decode("""
                {"httpMethod":"G\\u0045T","path":"/caf\\u00e9","headers":{"X-Request\\u002dId":"req-\\u0039",
                 "x-note":"a\\"b\\\\c \\u00e9 \u00e9 \ud83d\ude00","x-router-\\u0072oute":"evil"},"body":"\\u00e9"}
                """);
        assertEquals("GET", r.routing().method());
        assertEquals("/caf\u00e9", r.routing().path());
        assertEquals("req-9", r.requestId());
        assertEquals("a\"b\\c \u00e9 \u00e9 \ud83d\ude00", r.routing().firstHeader("x-note"));
        assertEquals(2, r.bodyBytes(), "\u00e9 is two bytes of UTF-8");

        byte[] event =
                new WorkerEventBuilder().build(r, "route", "target", DispatchMode.SYNC, AsyncEventPolicy.DEFAULT, null);
        String text = new String(event, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"x-note\":\"a\\\"b\\\\c \\u00e9 \u00e9 \ud83d\ude00\""), text);
        assertTrue(text.contains("\"path\":\"/caf\\u00e9\""), text);
        assertFalse(text.contains("evil"), text);
        JsonNode headers = mapper.readTree(event).get("headers");
        assertEquals("req-9", headers.get("x-request-id").textValue(), "the client's header, replaced in its place");
        assertFalse(headers.has("X-Request-Id"));
        assertEquals("route", headers.get("x-router-route").textValue());
    }

    /** JSON in UTF-16 or UTF-32 is read as Jackson reads it; the worker event is UTF-8. */
    @Test
    void readsEventsInOtherUnicodeEncodings() throws Exception {
        String json = "{\"httpMethod\":\"GET\",\"path\":\"/caf\u00e9\",\"headers\":{\"host\":\"a.example\"},"
                + "\"body\":\"\ud83d\ude00\"}";
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16")) {
            AlbRequest r = decoder.decode(decoder.parse(json.getBytes(charset)));
            assertEquals("/caf\u00e9", r.routing().path(), charset);
            assertEquals("a.example", r.routing().host(), charset);
            assertEquals(4, r.bodyBytes(), charset);
            assertEquals("\ud83d\ude00", workerEvent(r).get("body").textValue(), charset);
        }
    }

    @Test
    void invalidJsonAnywhereIsA400EvenWhereTheRouterDoesNotLook() {
        assertEquals(
                "The load balancer event is not valid JSON.",
                detail("{\"httpMethod\":\"GET\",\"path\":\"/\",\"stageVariables\":{\"a\":[1,}}"));
        assertEquals("The load balancer event is not valid JSON.", detail("[1,"));
        assertEquals("The load balancer event is not a JSON object.", detail("[1]"));
    }

    @Test
    void hostPortAndIpv6AreNormalised() {
        assertEquals("example.com", RequestReading.host("Example.COM:8080"));
        assertEquals("[::1]", RequestReading.host("[::1]:8080"));
        assertNull(RequestReading.host(""));
    }
}
