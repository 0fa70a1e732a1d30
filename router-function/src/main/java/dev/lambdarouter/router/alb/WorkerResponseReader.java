package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a worker's ALB response before it reaches the load balancer: JSON object, integer
 * {@code statusCode} in 100..599, header names that are HTTP tokens, values without CR, LF or NUL, a string body,
 * a body that really is base64 when {@code isBase64Encoded} says so, and the 1 MB ALB response limit.
 * Accepts either {@code headers} or {@code multiValueHeaders} (or both) from the worker.
 */
public final class WorkerResponseReader {

    /** Lambda to ALB: responses above 1 MB are rejected by the load balancer. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    public WorkerResponseReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AlbResponse read(byte[] payload) throws InvalidWorkerResponseException {
        if (payload == null || payload.length == 0) {
            throw new InvalidWorkerResponseException("the worker returned an empty response");
        }
        if (payload.length > MAX_RESPONSE_BYTES) {
            throw new InvalidWorkerResponseException("the worker response is " + payload.length
                    + " bytes, above the 1 MB (1,048,576 bytes) ALB limit for Lambda responses");
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidWorkerResponseException("the worker response is not valid JSON");
        } catch (IOException e) {
            throw new InvalidWorkerResponseException("the worker response could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWorkerResponseException("the worker response is not a JSON object");
        }
        JsonNode status = root.get("statusCode");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw new InvalidWorkerResponseException("the worker response has no integer statusCode");
        }
        int code = status.intValue();
        if (code < 100 || code > 599) {
            throw new InvalidWorkerResponseException("the worker response statusCode " + code + " is outside 100..599");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        readHeaders(root.get("headers"), headers, false);
        readHeaders(root.get("multiValueHeaders"), headers, true);

        JsonNode bodyNode = root.get("body");
        String body = null;
        if (bodyNode != null && !bodyNode.isNull()) {
            if (!bodyNode.isTextual()) {
                throw new InvalidWorkerResponseException("the worker response body is not a string");
            }
            body = bodyNode.textValue();
        }
        JsonNode flag = root.get("isBase64Encoded");
        boolean base64 = false;
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                throw new InvalidWorkerResponseException("the worker response isBase64Encoded is not a boolean");
            }
            base64 = flag.booleanValue();
        }
        if (base64 && body != null) {
            try {
                Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new InvalidWorkerResponseException(
                        "the worker response says isBase64Encoded but its body is not valid base64");
            }
        }
        return new AlbResponse(code, headers, body, base64);
    }

    private static void readHeaders(JsonNode node, Map<String, List<String>> into, boolean multi)
            throws InvalidWorkerResponseException {
        if (node == null || node.isNull()) {
            return;
        }
        String field = multi ? "multiValueHeaders" : "headers";
        if (!node.isObject()) {
            throw new InvalidWorkerResponseException("the worker response " + field + " is not an object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!HttpTokens.isToken(name, Integer.MAX_VALUE)) {
                throw new InvalidWorkerResponseException("the worker response has an invalid header name");
            }
            List<String> values = new ArrayList<>(1);
            if (multi) {
                if (!e.getValue().isArray()) {
                    throw new InvalidWorkerResponseException(
                            "the worker response multiValueHeaders values must be arrays");
                }
                for (JsonNode v : e.getValue()) {
                    values.add(headerValue(v));
                }
            } else {
                values.add(headerValue(e.getValue()));
            }
            into.computeIfAbsent(name, k -> new ArrayList<>(values.size())).addAll(values);
        }
    }

    private static String headerValue(JsonNode v) throws InvalidWorkerResponseException {
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new InvalidWorkerResponseException("the worker response has a header value that is not a string");
        }
        String s = v.asText();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new InvalidWorkerResponseException(
                        "the worker response has a header value containing CR, LF or NUL");
            }
        }
        return s;
    }
}
