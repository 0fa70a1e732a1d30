package dev.lambdarouter.router.fuzz;

import static dev.lambdarouter.router.fuzz.HostileJson.NODES;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.router.alb.WorkerResponseReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Builds worker answers from fuzzer input, each with the verdict it deserves: a valid ALB response (integer status
 * in 100..599, token header names, string header values without CR/LF/NUL, string body, boolean
 * {@code isBase64Encoded} that tells the truth), optionally broken by exactly one defect the router must reject.
 */
final class WorkerAnswerGenerator {

    private static final String[] HEADER_NAMES = {
        "content-type",
        "Content-Type",
        "set-cookie",
        "x-request-id",
        "X-Request-Id",
        "cache-control",
        "location",
        "retry-after",
        "a",
        "!#$%&'*+.^_`|~"
    };
    private static final String[] BAD_HEADER_NAMES = {
        "", " ", "bad name", "bad:name", "x\r\ninjected: 1", "x\u0000", "\u00e9", "x\ty", "(x)", "x/y", "\"x\""
    };
    private static final String[] BREAKERS = {"\r", "\n", "\u0000", "\r\nx-injected: 1"};

    /** A defect that makes an otherwise valid answer invalid. */
    enum Defect {
        NONE,
        STATUS_OUT_OF_RANGE,
        STATUS_NOT_INTEGER,
        STATUS_MISSING,
        HEADER_VALUE_WITH_CRLF_OR_NUL,
        HEADER_VALUE_NOT_TEXT,
        HEADER_NAME_NOT_TOKEN,
        HEADERS_NOT_OBJECT,
        MULTI_VALUE_NOT_ARRAY,
        BODY_NOT_TEXT,
        BASE64_FLAG_LIES,
        BASE64_FLAG_NOT_BOOLEAN,
        NOT_AN_OBJECT,
        NOT_JSON,
        EMPTY,
        OVER_ONE_MEGABYTE
    }

    /**
     * A generated worker answer.
     *
     * @param payload     the bytes the worker returns
     * @param defect      what is wrong with it ({@link Defect#NONE}: nothing, it must pass through)
     * @param status      its status code (when valid)
     * @param body        its body as the ALB must receive it (when valid; "" for no body)
     * @param base64      its {@code isBase64Encoded} (when valid)
     * @param headerNames the names of the headers it sends with at least one value (when valid)
     */
    record WorkerAnswer(
            byte[] payload, Defect defect, int status, String body, boolean base64, List<String> headerNames) {
        boolean valid() {
            return defect == Defect.NONE;
        }

        @Override
        public String toString() {
            return defect + " " + new String(payload, 0, Math.min(payload.length, 2000), StandardCharsets.UTF_8);
        }
    }

    private WorkerAnswerGenerator() {}

    static WorkerAnswer answer(FuzzedDataProvider data) {
        // Half the answers are valid: their pass-through is checked field by field.
        Defect defect = data.consumeBoolean() ? Defect.NONE : data.pickValue(Defect.values());
        ObjectNode root = NODES.objectNode();
        int status = data.consumeInt(100, 599);
        root.put("statusCode", status);
        if (data.consumeBoolean()) {
            root.put("statusDescription", status + " " + HostileJson.text(data));
        }
        List<String> headerNames = new ArrayList<>();
        if (data.consumeBoolean()) {
            root.set("headers", singleValueHeaders(data, headerNames));
        }
        if (data.consumeBoolean()) {
            root.set("multiValueHeaders", multiValueHeaders(data, headerNames));
        }
        boolean base64 = false;
        String body = "";
        switch (data.consumeInt(0, 3)) {
            case 0 -> {}
            case 1 -> root.putNull("body");
            case 2 -> {
                body = Base64.getEncoder().encodeToString(data.consumeBytes(512));
                base64 = true;
                root.put("body", body);
            }
            default -> {
                body = HostileJson.text(data);
                root.put("body", body);
            }
        }
        if (base64) {
            root.put("isBase64Encoded", true);
        } else {
            switch (data.consumeInt(0, 2)) {
                case 0 -> {}
                case 1 -> root.putNull("isBase64Encoded");
                default -> root.put("isBase64Encoded", false);
            }
        }
        if (data.consumeInt(0, 5) == 0) {
            // A field the ALB does not know: ignored, not an error.
            root.set("extra-" + HostileJson.name(data), HostileJson.anyValue(data, 2));
        }

        byte[] payload = breakIt(data, defect, root);
        // Hostile text adds up (a 20,000-character run of control characters is 120 KB of JSON escapes): an answer
        // built valid can still exceed the ALB's 1 MB, and must then be rejected like one built too large.
        Defect verdict = defect == Defect.NONE && payload.length > WorkerResponseReader.MAX_RESPONSE_BYTES
                ? Defect.OVER_ONE_MEGABYTE
                : defect;
        return new WorkerAnswer(payload, verdict, status, body, base64, headerNames);
    }

    private static ObjectNode singleValueHeaders(FuzzedDataProvider data, List<String> names) {
        ObjectNode headers = NODES.objectNode();
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            String name = data.consumeBoolean() ? "x-w-" + i : data.pickValue(HEADER_NAMES);
            if (headers.has(name)) {
                continue;
            }
            headers.put(name, cleanText(data));
            names.add(name);
        }
        return headers;
    }

    private static ObjectNode multiValueHeaders(FuzzedDataProvider data, List<String> names) {
        ObjectNode headers = NODES.objectNode();
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            String name = data.consumeBoolean() ? "x-mw-" + i : data.pickValue(HEADER_NAMES);
            if (headers.has(name)) {
                continue;
            }
            ArrayNode values = NODES.arrayNode();
            int count = data.consumeInt(0, 3);
            for (int v = 0; v < count; v++) {
                values.add(cleanText(data));
            }
            headers.set(name, values);
            if (count > 0) {
                names.add(name);
            }
        }
        return headers;
    }

    /** Hostile text less the three characters a header value may not hold. */
    private static String cleanText(FuzzedDataProvider data) {
        return HostileJson.text(data).replace("\r", "").replace("\n", "").replace("\u0000", "");
    }

    private static byte[] breakIt(FuzzedDataProvider data, Defect defect, ObjectNode root) {
        switch (defect) {
            case NONE -> {}
            case STATUS_OUT_OF_RANGE ->
                root.put(
                        "statusCode",
                        data.consumeBoolean()
                                ? data.consumeInt(Integer.MIN_VALUE, 99)
                                : data.consumeInt(600, Integer.MAX_VALUE));
            case STATUS_NOT_INTEGER ->
                root.set(
                        "statusCode",
                        switch (data.consumeInt(0, 4)) {
                            case 0 ->
                                NODES.textNode(
                                        Integer.toString(root.get("statusCode").intValue()));
                            case 1 -> NODES.numberNode(root.get("statusCode").intValue() + 0.5);
                            case 2 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999"));
                            case 3 -> NODES.booleanNode(true);
                            default -> NODES.nullNode();
                        });
            case STATUS_MISSING -> root.remove("statusCode");
            case HEADER_VALUE_WITH_CRLF_OR_NUL -> {
                String value = cleanText(data);
                int at = data.consumeInt(0, value.length());
                ObjectNode headers = NODES.objectNode();
                headers.put("x-broken", value.substring(0, at) + data.pickValue(BREAKERS) + value.substring(at));
                putHeaders(data, root, headers);
            }
            case HEADER_VALUE_NOT_TEXT -> {
                JsonNode bad = data.consumeBoolean()
                        ? NODES.nullNode()
                        : data.consumeBoolean()
                                ? NODES.objectNode().put("a", "b")
                                : NODES.arrayNode().add("a");
                putHeaders(data, root, NODES.objectNode().set("x-broken", bad));
            }
            case HEADER_NAME_NOT_TOKEN -> {
                String name = data.consumeBoolean() ? data.pickValue(BAD_HEADER_NAMES) : "x" + breakingName(data);
                putHeaders(data, root, NODES.objectNode().put(name, "v"));
            }
            case HEADERS_NOT_OBJECT ->
                root.set(
                        data.consumeBoolean() ? "headers" : "multiValueHeaders",
                        data.consumeBoolean()
                                ? NODES.arrayNode().add("content-type: text/plain")
                                : NODES.textNode("content-type: text/plain"));
            case MULTI_VALUE_NOT_ARRAY ->
                root.set("multiValueHeaders", NODES.objectNode().put("x-broken", "v"));
            case BODY_NOT_TEXT -> {
                JsonNode body = HostileJson.nonText(data);
                root.set("body", body.isNull() ? NODES.numberNode(1) : body);
            }
            case BASE64_FLAG_LIES -> {
                root.put("isBase64Encoded", true);
                root.put("body", cleanText(data) + data.pickValue(new String[] {"!", "*", "\u00e9", " ", "=x", "-_"}));
            }
            case BASE64_FLAG_NOT_BOOLEAN ->
                root.set(
                        "isBase64Encoded",
                        data.consumeBoolean() ? NODES.textNode("true") : NODES.numberNode(data.consumeInt()));
            case NOT_AN_OBJECT -> {
                JsonNode other = HostileJson.anyValue(data, 2);
                return serialise(other.isObject() ? NODES.arrayNode().add(other) : other);
            }
            case NOT_JSON -> {
                byte[] whole = serialise(root);
                return Arrays.copyOf(whole, data.consumeInt(1, whole.length - 1));
            }
            case EMPTY -> {
                return new byte[0];
            }
            case OVER_ONE_MEGABYTE -> root.put("body", "x".repeat(1024 * 1024 + data.consumeInt(1, 1024)));
        }
        return serialise(root);
    }

    /** Puts the broken headers where a worker might: into headers, or as one value into multiValueHeaders. */
    private static void putHeaders(FuzzedDataProvider data, ObjectNode root, ObjectNode broken) {
        if (data.consumeBoolean()) {
            ObjectNode headers = root.get("headers") instanceof ObjectNode h ? h : root.putObject("headers");
            headers.setAll(broken);
        } else {
            ObjectNode headers =
                    root.get("multiValueHeaders") instanceof ObjectNode h ? h : root.putObject("multiValueHeaders");
            broken.fields()
                    .forEachRemaining(
                            e -> headers.set(e.getKey(), NODES.arrayNode().add(e.getValue())));
        }
    }

    /** Text containing at least one character that is not allowed in an HTTP token. */
    private static String breakingName(FuzzedDataProvider data) {
        String text = HostileJson.text(data);
        return text + data.pickValue(new String[] {" ", ":", "\r\n", "\u0000", "\u00e9", "(", "/", "@", "\""});
    }

    private static byte[] serialise(JsonNode node) {
        try {
            return InMemoryRouter.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a generated worker answer", e);
        }
    }
}
