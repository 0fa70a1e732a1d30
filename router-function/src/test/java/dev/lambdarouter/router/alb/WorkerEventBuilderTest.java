package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worker event, byte for byte: the ALB event's fields copied as sent, the header object rewritten. */
class WorkerEventBuilderTest {

    private final AlbRequestDecoder decoder = new AlbRequestDecoder(new ObjectMapper());
    private final WorkerEventBuilder builder = new WorkerEventBuilder();

    private AlbRequest decode(String json) throws ProblemException {
        return decoder.decode(decoder.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String build(AlbRequest request, DispatchMode invocation, Set<String> dropped, String traceHeader) {
        return new String(
                builder.build(request, "orders", "orders-fn", invocation, new AsyncEventPolicy(dropped), traceHeader),
                StandardCharsets.UTF_8);
    }

    @Test
    void copiesTheFieldsAnAlbSendsAndRewritesTheHeaders() throws Exception {
        AlbRequest request = decode("""
                { "requestContext" : {"accountId":"1", "elb": {"x":[1], "targetGroupArn": "arn:tg"}},
                  "httpMethod":"GET",  "version": "2.0", "path" : "/a\\u00e9",
                  "headers": {"Host":"a.example", "x-router-target":"evil" ,"cookie":"s=1", "x-request-id":"req-1"},
                  "queryStringParameters":{"q":"%20"}, "body": null, "isBase64Encoded" :false }
                """);

        assertEquals(
                "{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:tg\"}},\"httpMethod\":\"GET\","
                        + "\"path\" : \"/a\\u00e9\",\"headers\":{\"Host\":\"a.example\",\"cookie\":\"s=1\","
                        + "\"x-request-id\":\"req-1\",\"x-router-route\":\"orders\",\"x-router-target\":\"orders-fn\"},"
                        + "\"queryStringParameters\":{\"q\":\"%20\"},\"body\": null,\"isBase64Encoded\" :false}",
                build(request, DispatchMode.SYNC, Set.of("cookie"), null));
    }

    @Test
    void addsTheHeaderObjectWhenTheEventHasNone() throws Exception {
        AlbRequest request = decode("{\"httpMethod\":\"GET\",\"path\":\"/\",\"x-request-id\":1}");
        String generated = request.requestId();

        assertEquals(
                "{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x-router-route\":\"orders\","
                        + "\"x-router-target\":\"orders-fn\",\"x-request-id\":\"" + generated + "\"}}",
                build(request, DispatchMode.SYNC, Set.of(), null));
    }

    /**
     * An Event invoke leaves out the dropped headers, in any case; the trace header replaces the client's in its place,
     * whatever its case (the tree-based builder replaced a header of exactly the same name only, and forwarded an
     * {@code X-Amzn-Trace-Id} beside the router's {@code x-amzn-trace-id}).
     */
    @Test
    void dropsHeadersOfEventInvokesAndReplacesTheRoutersHeadersInAnyCase() throws Exception {
        AlbRequest request = decode("""
                {"httpMethod":"POST","path":"/jobs","multiValueHeaders":{"Cookie":["a","b"],"X-Amzn-Trace-Id":["Root=1-x"],
                 "accept":["*/*"]}}
                """);

        assertEquals(
                "{\"httpMethod\":\"POST\",\"path\":\"/jobs\",\"multiValueHeaders\":{"
                        + "\"x-amzn-trace-id\":[\"Root=1-y;Parent=2\"],\"accept\":[\"*/*\"],"
                        + "\"x-router-route\":[\"orders\"],\"x-router-target\":[\"orders-fn\"],"
                        + "\"x-request-id\":[\"" + request.requestId() + "\"]}}",
                build(request, DispatchMode.ASYNC, Set.of("cookie"), "Root=1-y;Parent=2"));
        // RequestResponse: every client header.
        assertEquals(
                true,
                build(request, DispatchMode.SYNC, Set.of("cookie"), null)
                        .contains("\"Cookie\":[\"a\",\"b\"],\"X-Amzn-Trace-Id\":[\"Root=1-x\"]"));
    }

    @Test
    void escapesTheRoutersValues() throws Exception {
        AlbRequest request = decode("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x-request-id\":\"r\"}}");

        String event = new String(
                builder.build(
                        request,
                        "caf\u00e9 \"q\"\\",
                        "fn",
                        DispatchMode.SYNC,
                        AsyncEventPolicy.DEFAULT,
                        "Root=1-\u0001"),
                StandardCharsets.UTF_8);

        assertEquals(
                "{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"x-request-id\":\"r\",\"x-router-route\":"
                        + "\"caf\u00e9 \\\"q\\\"\\\\\",\"x-router-target\":\"fn\",\"x-amzn-trace-id\":\"Root=1-\\u0001\"}}",
                event);
    }
}
