package dev.lambdarouter.router.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Values built from fuzzer input that are likely to break a parser: text made of control characters, percent
 * escapes, dot segments, lone surrogates and absurd lengths; and JSON values of any type, for fields that expect
 * one type.
 */
final class HostileJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Fragments that hostile input is made of. */
    private static final String[] FRAGMENTS = {
        "\r\n",
        "\r",
        "\n",
        "\u0000",
        "\t",
        "\u007f",
        " ",
        "%",
        "%2",
        "%zz",
        "%00",
        "%0d%0a",
        "%2e",
        "%2E",
        "%2e%2e",
        "%2f",
        "%25",
        "%c3%28",
        "%ff",
        "+",
        "..",
        ".",
        "/",
        "//",
        "\\",
        "?",
        "#",
        ";",
        ",",
        ":",
        "=",
        "&",
        "\"",
        "\u00e9",
        "\ud800",
        "\udc00",
        "\ud83d\ude00",
        "\ufeff",
        "x-router-",
        "X-Router-Route",
        "Root=1-abc",
        "10.1.2.3",
        "2001:db8::1",
        "[::1]:443",
        "api.example.com",
        "a.example.org",
        "session=s1",
        "true",
        "2"
    };

    private HostileJson() {}

    /**
     * Text: plain fuzzer text, a run of hostile fragments, ASCII, or (rarely: one call in 64, as each makes the whole
     * event tens of kilobytes to build, parse and write) one character repeated up to 20,000 times, past every length
     * limit of the router.
     */
    static String text(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 63);
        if (kind < 24) {
            return data.consumeString(48);
        }
        if (kind < 48) {
            StringBuilder s = new StringBuilder();
            int parts = data.consumeInt(1, 8);
            for (int i = 0; i < parts; i++) {
                s.append(data.consumeBoolean() ? data.pickValue(FRAGMENTS) : data.consumeString(8));
            }
            return s.toString();
        }
        if (kind < 63) {
            return data.consumeAsciiString(32);
        }
        return String.valueOf(data.consumeChar()).repeat(data.consumeInt(0, 20_000));
    }

    /**
     * Text for a JSON field name: like {@link #text} but at most 1,000 characters (Jackson rejects names over
     * 50,000 bytes, which would make every object carrying one invalid JSON).
     */
    static String name(FuzzedDataProvider data) {
        String text = text(data);
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    /** Any JSON value, nested up to {@code depth} levels. */
    static JsonNode anyValue(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, 9)) {
            case 0 -> {
                return NODES.nullNode();
            }
            case 1 -> {
                return NODES.booleanNode(data.consumeBoolean());
            }
            case 2 -> {
                return NODES.numberNode(data.consumeInt());
            }
            case 3 -> {
                return NODES.numberNode(data.consumeLong());
            }
            case 4 -> {
                // finite: Jackson writes NaN and Infinity as quoted strings, which would make a "non-text" value text
                return NODES.numberNode(data.consumeRegularDouble());
            }
            case 5 -> {
                return NODES.numberNode(
                        new BigInteger(data.consumeAsciiString(40).replaceAll("[^0-9]", "") + "1"));
            }
            case 6 -> {
                // Unsigned: Math.abs(Long.MIN_VALUE) is negative, and "1.-9" no number (found by the long run).
                return NODES.numberNode(
                        new BigDecimal(data.consumeInt() + "." + Long.toUnsignedString(data.consumeLong())));
            }
            case 7 -> {
                if (depth > 0) {
                    ArrayNode array = NODES.arrayNode();
                    int n = data.consumeInt(0, 4);
                    for (int i = 0; i < n; i++) {
                        array.add(anyValue(data, depth - 1));
                    }
                    return array;
                }
                return NODES.arrayNode();
            }
            case 8 -> {
                if (depth > 0) {
                    ObjectNode object = NODES.objectNode();
                    int n = data.consumeInt(0, 4);
                    for (int i = 0; i < n; i++) {
                        object.set(name(data), anyValue(data, depth - 1));
                    }
                    return object;
                }
                return NODES.objectNode();
            }
            default -> {
                return NODES.textNode(text(data));
            }
        }
    }

    /** A value that is anything but a JSON string (for fields that must be strings). */
    static JsonNode nonText(FuzzedDataProvider data) {
        JsonNode value = anyValue(data, 2);
        return value.isTextual() ? NODES.numberNode(value.textValue().length()) : value;
    }
}
