package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A differential test: random events, valid and malformed (fields of every JSON type, the other header mode's fields,
 * hostile methods, paths, header names and values, bad percent-encoding, cut-off JSON), decoded by the streaming
 * decoder and by the tree-based one it replaced ({@link TreeAlbRequestDecoder}): both accept the same events and read
 * the same request from them, and both reject the others with the same problem (status and message), in the same
 * header mode. (Events with a field, header or query parameter named twice, which the streaming decoder rejects and
 * the old one read one of, are not generated: see {@code AlbRequestDecoderTest}.)
 */
class DecoderEquivalenceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {
        "httpMethod",
        "path",
        "headers",
        "queryStringParameters",
        "multiValueHeaders",
        "multiValueQueryStringParameters",
        "body",
        "isBase64Encoded",
        "requestContext",
        "stageVariables"
    };
    private static final String[] HOSTILE = {
        "G E",
        "",
        "relative",
        "/a/../b",
        "/%2e%2E/x",
        "/a\u0000b",
        "/a\r\nb",
        "a\r\nb",
        "\u0000",
        "%zz",
        "%",
        "bad name",
        "\u00e9t\u00e9",
        "x-router-",
        "X-Router-Route",
        "***",
        "/ok",
        "GET",
        "host",
        "x".repeat(17000)
    };

    private final AlbRequestDecoder decoder = new AlbRequestDecoder(MAPPER);
    private final TreeAlbRequestDecoder old = new TreeAlbRequestDecoder(MAPPER);

    @Test
    void decodesAndRejectsAsTheTreeDecoderDid() throws Exception {
        Random random = new Random(1511);
        int rejected = 0;
        for (int i = 0; i < 2500; i++) {
            byte[] raw = MAPPER.writeValueAsBytes(mutate(WorkerEventEquivalenceTest.event(random), random));
            if (random.nextInt(10) == 0) {
                raw = Arrays.copyOf(raw, random.nextInt(raw.length)); // cut off: invalid JSON
            }
            String expected = oldOutcome(raw);
            rejected += expected.startsWith("problem") ? 1 : 0;
            String input = new String(raw, StandardCharsets.UTF_8);
            assertEquals(expected, newOutcome(raw), () -> "event " + input);
        }
        int problems = rejected;
        assertTrue(problems > 600 && problems < 1900, () -> problems + " of 2500 rejected: too one-sided");
    }

    @Test
    void rejectsWhatIsNotAnObjectAsTheTreeDecoderDid() throws Exception {
        for (String raw : List.of(
                "",
                " ",
                "[1,2]",
                "[1,",
                "\"abc",
                "\"abc\"",
                "12",
                "12x",
                "null",
                "nul",
                "{",
                "{\"a\":}",
                "{\"httpMethod\":\"GET\",\"path\":\"/\",\"x\":[1,}",
                "{\"httpMethod\":\"GET\",\"path\":\"/\"} trailing")) {
            byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            assertEquals(oldOutcome(bytes), newOutcome(bytes), raw);
        }
    }

    /** Sets a few fields (or header and query members) to other values, of any type. */
    private static ObjectNode mutate(ObjectNode event, Random random) {
        int mutations = random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            JsonNode current = event.get(field);
            if (current instanceof ObjectNode members && !members.isEmpty() && random.nextBoolean()) {
                String name = members.fieldNames().next();
                members.set(random.nextInt(4) == 0 ? hostile(random) : name, anyValue(random, 2));
            } else if (field.equals("requestContext")
                    && current instanceof ObjectNode context
                    && random.nextBoolean()) {
                if (context.get("elb") instanceof ObjectNode elb && random.nextBoolean()) {
                    elb.set("targetGroupArn", anyValue(random, 1));
                } else {
                    context.set("elb", anyValue(random, 1));
                }
            } else {
                event.set(field, anyValue(random, 2));
            }
        }
        return event;
    }

    private static JsonNode anyValue(Random random, int depth) {
        switch (random.nextInt(9)) {
            case 0 -> {
                return NODES.nullNode();
            }
            case 1 -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case 2 -> {
                return NODES.numberNode(random.nextInt(100) - 50);
            }
            case 3 -> {
                return NODES.numberNode(random.nextDouble());
            }
            case 4, 5 -> {
                ArrayNode array = NODES.arrayNode();
                int n = depth > 0 ? random.nextInt(3) : 0;
                for (int i = 0; i < n; i++) {
                    array.add(random.nextInt(3) > 0 ? NODES.textNode(hostile(random)) : anyValue(random, depth - 1));
                }
                return array;
            }
            case 6, 7 -> {
                ObjectNode object = NODES.objectNode();
                int n = depth > 0 ? random.nextInt(3) : 0;
                for (int i = 0; i < n; i++) {
                    object.set(hostile(random) + i, anyValue(random, depth - 1));
                }
                return object;
            }
            default -> {
                return NODES.textNode(hostile(random));
            }
        }
    }

    private static String hostile(Random random) {
        return HOSTILE[random.nextInt(HOSTILE.length)];
    }

    private String oldOutcome(byte[] raw) {
        ObjectNode event;
        try {
            event = old.parse(raw);
        } catch (ProblemException e) {
            return problem(e.problem(), "single-value");
        }
        String mode = TreeAlbRequestDecoder.isMultiValue(event) ? "multi-value" : "single-value";
        try {
            TreeAlbRequestDecoder.Decoded d = old.decode(event);
            return request(d.multiValueHeaders(), d.routing(), d.requestId(), d.traceId(), d.bodyBytes());
        } catch (ProblemException e) {
            return problem(e.problem(), mode);
        }
    }

    private String newOutcome(byte[] raw) {
        AlbEvent event;
        try {
            event = decoder.parse(raw);
        } catch (ProblemException e) {
            return problem(e.problem(), "single-value");
        }
        String mode = AlbRequestDecoder.isMultiValue(event) ? "multi-value" : "single-value";
        try {
            AlbRequest r = decoder.decode(event);
            return request(r.multiValueHeaders(), r.routing(), r.requestId(), r.traceId(), r.bodyBytes());
        } catch (ProblemException e) {
            return problem(e.problem(), mode);
        }
    }

    private static String problem(Problem problem, String mode) {
        return "problem " + problem.status() + " " + problem.detail() + " (answered in " + mode + " mode)";
    }

    /** The request read; a generated request id (not the client's) as "generated", as each run makes a new one. */
    private static String request(
            boolean multi, RoutingRequest routing, String requestId, String traceId, int bodyBytes) {
        String clientId = routing.firstHeader("x-request-id");
        return "request multi=" + multi + " method=" + routing.method() + " host=" + routing.host() + " path="
                + routing.path() + " headers=" + sorted(routing.headers()) + " query=" + sorted(routing.queryParams())
                + " sourceIp=" + routing.sourceIp() + " requestId="
                + (requestId.equals(clientId) ? requestId : "generated") + " traceId=" + traceId + " bodyBytes="
                + bodyBytes;
    }

    private static String sorted(Map<String, List<String>> map) {
        return new TreeMap<>(map).toString();
    }
}
