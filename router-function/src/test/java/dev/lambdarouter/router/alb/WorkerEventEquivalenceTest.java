package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A property test: for random valid ALB events (both header modes, fields in any order, fields an ALB does not send,
 * JSON escapes, non-ASCII text, whitespace), the worker event written from the raw bytes equals, as a JSON tree, the
 * one the router wrote from a Jackson tree before ({@link TreeWorkerEvent}), for every invocation kind; and it has no
 * duplicate key.
 */
class WorkerEventEquivalenceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] METHODS = {"GET", "post", "PUT", "DELETE", "PATCH", "OPTIONS"};
    private static final String[] SEGMENTS = {"orders", "42", "a..b", ".hidden", "caf\u00e9", "%2F", "x y", "\u4e2d"};
    private static final String[] HEADER_NAMES = {
        "host",
        "x-forwarded-for",
        "x-request-id",
        "x-amzn-trace-id",
        "cookie",
        "authorization",
        "Content-Type",
        "User-Agent",
        "X-Tenant",
        "accept",
        "x-router-route",
        "X-Router-Target",
        "x-router-anything",
        "x-api-key",
        "X-Custom_Header.1"
    };
    private static final String[] VALUE_PARTS = {
        "api.example.com",
        "203.0.113.9",
        "req-1",
        "Root=1-5f0c1a2b-0123456789abcdef01234567",
        "\"quoted\"",
        "back\\slash",
        "tab\there",
        "\u0001",
        "caf\u00e9",
        "\ud83d\ude00",
        "\u4e2d\u6587",
        "</script>",
        " ",
        ""
    };
    private static final String[] QUERY_PARTS = {"a", "%20", "+", "%C3%A9", "\u00e9", "x=y", "%2F", "1"};
    private static final String[] UNKNOWN_FIELDS = {"stageVariables", "version", "cookies", "rawPath"};
    private static final List<Set<String>> DROPS =
            List.of(AsyncEventPolicy.DEFAULT.dropHeaders(), Set.of(), Set.of("x-tenant", "host"));

    private final AlbRequestDecoder decoder = new AlbRequestDecoder(MAPPER);
    private final WorkerEventBuilder builder = new WorkerEventBuilder();

    @Test
    void theWorkerEventIsTheTreeBuiltOne() throws Exception {
        Random random = new Random(15);
        for (int i = 0; i < 3000; i++) {
            byte[] raw = serialise(event(random), random);
            AlbRequest request = decoder.decode(decoder.parse(raw));
            DispatchMode invocation = random.nextBoolean() ? DispatchMode.SYNC : DispatchMode.ASYNC;
            AsyncEventPolicy policy = new AsyncEventPolicy(DROPS.get(random.nextInt(DROPS.size())));
            String trace = random.nextBoolean() ? null : "Root=1-abc;Parent=" + Integer.toHexString(i) + ";Sampled=1";
            String route = random.nextBoolean() ? "orders" : "caf\u00e9 \"route\"";

            byte[] event = builder.build(request, route, "orders-fn", invocation, policy, trace);

            JsonNode expected = TreeWorkerEvent.build(
                    MAPPER, raw, request.requestId(), route, "orders-fn", invocation, policy, trace);
            String input = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(expected, STRICT.readTree(event), () -> "event " + input);
        }
    }

    /** A valid event: fields in random order, some missing, some an ALB does not send. */
    static ObjectNode event(Random random) {
        boolean multi = random.nextBoolean();
        List<Runnable> fields = new ArrayList<>();
        ObjectNode event = NODES.objectNode();
        fields.add(() -> event.put("httpMethod", pick(random, METHODS)));
        fields.add(() -> event.put("path", path(random)));
        if (multi || random.nextInt(5) > 0) { // multi-value mode is the one with multiValueHeaders
            fields.add(() -> event.set(multi ? "multiValueHeaders" : "headers", headers(random, multi)));
        }
        if (random.nextBoolean()) {
            fields.add(() -> event.set(
                    multi ? "multiValueQueryStringParameters" : "queryStringParameters", query(random, multi)));
        }
        if (random.nextBoolean()) {
            fields.add(() -> body(random, event));
        }
        if (random.nextBoolean()) {
            fields.add(() -> {
                ObjectNode context = event.putObject("requestContext");
                if (random.nextInt(4) == 0) {
                    context.put("accountId", "123456789012");
                }
                ObjectNode elb = context.putObject("elb");
                elb.put("targetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1");
                if (random.nextInt(4) == 0) {
                    elb.putArray("extra").add(1).addObject().put("a", "\u00e9");
                }
            });
        }
        int unknown = random.nextInt(3);
        for (int i = 0; i < unknown; i++) {
            String name = UNKNOWN_FIELDS[i];
            fields.add(() -> event.set(name, random.nextBoolean() ? NODES.numberNode(1.5) : headers(random, true)));
        }
        java.util.Collections.shuffle(fields, random);
        fields.forEach(Runnable::run);
        return event;
    }

    private static String path(Random random) {
        StringBuilder path = new StringBuilder();
        int segments = random.nextInt(4);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(pick(random, SEGMENTS));
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** Headers of distinct names (in any case); the router's own header names only lower-case, as an ALB sends. */
    private static ObjectNode headers(Random random, boolean multi) {
        ObjectNode headers = NODES.objectNode();
        Set<String> names = new HashSet<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            String name = pick(random, HEADER_NAMES);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (multi) {
                ArrayNode values = headers.putArray(name);
                int count = 1 + random.nextInt(3);
                for (int v = 0; v < count; v++) {
                    values.add(value(random));
                }
            } else {
                headers.put(name, value(random));
            }
        }
        return headers;
    }

    private static ObjectNode query(Random random, boolean multi) {
        ObjectNode query = NODES.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = pick(random, QUERY_PARTS) + i;
            if (multi) {
                ArrayNode values = query.putArray(name);
                int count = 1 + random.nextInt(2);
                for (int v = 0; v < count; v++) {
                    values.add(pick(random, QUERY_PARTS));
                }
            } else {
                query.put(name, pick(random, QUERY_PARTS));
            }
        }
        return query;
    }

    private static void body(Random random, ObjectNode event) {
        switch (random.nextInt(3)) {
            case 0 -> event.putNull("body");
            case 1 -> event.put("body", value(random) + "{\"json\": [1, 2]}\n" + value(random));
            default -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                event.put("body", Base64.getEncoder().encodeToString(bytes));
                event.put("isBase64Encoded", true);
                return;
            }
        }
        if (random.nextBoolean()) {
            event.put("isBase64Encoded", false);
        }
    }

    private static String value(Random random) {
        StringBuilder value = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            value.append(pick(random, VALUE_PARTS));
        }
        return value.toString();
    }

    /** Compact, indented, or with every non-ASCII character escaped ({@code \u00e9}). */
    private static byte[] serialise(ObjectNode event, Random random) throws Exception {
        ObjectWriter writer = MAPPER.writer();
        switch (random.nextInt(3)) {
            case 0 -> writer = writer.withDefaultPrettyPrinter();
            case 1 -> writer = writer.with(JsonWriteFeature.ESCAPE_NON_ASCII);
            default -> {}
        }
        return writer.writeValueAsBytes(event);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
