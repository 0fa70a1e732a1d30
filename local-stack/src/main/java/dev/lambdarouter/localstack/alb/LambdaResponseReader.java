package dev.lambdarouter.localstack.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a Lambda target's answer into the HTTP response, checking it like the load balancer (at most 1 MB of JSON,
 * {@code statusCode} 100-599, headers in the target group's mode without control characters, valid base64); anything
 * else is a 502 {@link Refusal}.
 */
final class LambdaResponseReader {

    /** The largest response JSON a Lambda target may return to the load balancer. */
    static final int RESPONSE_LIMIT = 1024 * 1024;

    /** An HTTP token (RFC 9110): a header name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** A control character other than a horizontal tab, which no header value may hold. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");

    private static final Set<String> HOP_BY_HOP =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade");

    private final ObjectMapper mapper;
    private final boolean multiValue;

    LambdaResponseReader(ObjectMapper mapper, boolean multiValue) {
        this.mapper = mapper;
        this.multiValue = multiValue;
    }

    AlbResponse read(byte[] payload) {
        if (payload.length > RESPONSE_LIMIT) {
            throw invalid("the response is " + payload.length + " bytes; a Lambda target may return at most "
                    + RESPONSE_LIMIT);
        }
        JsonNode response;
        try {
            response = mapper.readTree(payload);
        } catch (IOException e) {
            throw invalid("the response is not JSON: " + e.getMessage());
        }
        if (response == null || !response.isObject()) {
            throw invalid("the response is not a JSON object");
        }
        JsonNode status = response.path("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw invalid("statusCode must be an integer 100-599, got " + response.get("statusCode"));
        }
        return new AlbResponse(status.asInt(), headers(response), body(response));
    }

    private List<Map.Entry<String, String>> headers(JsonNode response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String field = multiValue ? "multiValueHeaders" : "headers";
        JsonNode node = response.get(field);
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw invalid(field + " must be an object");
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String name = header.getKey();
            if (!TOKEN.matcher(name).matches()) {
                throw invalid("invalid header name '" + name + "'");
            }
            if (multiValue && !header.getValue().isArray()) {
                throw invalid("multiValueHeaders." + name + " must be a list");
            }
            for (JsonNode value : multiValue ? header.getValue() : List.of(header.getValue())) {
                if (!value.isValueNode() || value.isNull()) {
                    throw invalid("header " + name + " has a non-string value");
                }
                if (CONTROL.matcher(value.asText()).find()) {
                    throw invalid("header " + name + " has a control character");
                }
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    headers.add(Map.entry(name, value.asText()));
                }
            }
        }
        return headers;
    }

    private static byte[] body(JsonNode response) {
        JsonNode body = response.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            throw invalid("body must be a string");
        }
        JsonNode encoded = response.get("isBase64Encoded");
        if (encoded != null && !encoded.isBoolean() && !encoded.isNull()) {
            throw invalid("isBase64Encoded must be a boolean");
        }
        if (encoded != null && encoded.asBoolean()) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                throw invalid("isBase64Encoded is true but the body is not base64");
            }
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Refusal invalid(String why) {
        return new Refusal(502, "invalid response from the target function: " + why);
    }
}
