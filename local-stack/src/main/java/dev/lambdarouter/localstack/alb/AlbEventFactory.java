package dev.lambdarouter.localstack.alb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the event an Application Load Balancer sends to a Lambda target, in the target group's header mode, with the
 * load balancer's own {@code x-forwarded-*} and {@code x-amzn-trace-id} headers; path and query stay as received (not
 * decoded). The rules are listed in {@code local-stack/README.md} ("Local ALB").
 */
final class AlbEventFactory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;
    private final String targetGroupArn;
    private final boolean multiValue;

    AlbEventFactory(ObjectMapper mapper, String targetGroupArn, boolean multiValue) {
        this.mapper = mapper;
        this.targetGroupArn = targetGroupArn;
        this.multiValue = multiValue;
    }

    ObjectNode event(IncomingRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.getValue());
        }
        addLoadBalancerHeaders(headers, request);
        return event(request.method(), request.rawPath(), query(request.rawQuery()), headers, request.body());
    }

    /** A health check request, as the load balancer sends it to a Lambda target. */
    ObjectNode healthCheck(String path) {
        return event("GET", path, Map.of(), Map.of("user-agent", List.of("ELB-HealthChecker/2.0")), new byte[0]);
    }

    private ObjectNode event(
            String method,
            String path,
            Map<String, List<String>> query,
            Map<String, List<String>> headers,
            byte[] body) {
        ObjectNode event = mapper.createObjectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn", targetGroupArn);
        event.put("httpMethod", method).put("path", path);
        putMap(event, "queryStringParameters", query);
        putMap(event, "headers", headers);
        boolean text = body.length == 0 || isText(last(headers.get("content-type")));
        event.put(
                "body",
                text
                        ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body));
        return event.put("isBase64Encoded", !text);
    }

    /**
     * Which bodies the load balancer passes as text: {@code text/*}, JSON, XML, JavaScript and form data; everything
     * else, including a body without a {@code Content-Type}, goes base64-encoded.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    private void putMap(ObjectNode event, String singleName, Map<String, List<String>> values) {
        if (multiValue) {
            String name = "multiValue" + Character.toUpperCase(singleName.charAt(0)) + singleName.substring(1);
            ObjectNode node = event.putObject(name);
            values.forEach((key, list) -> {
                ArrayNode array = node.putArray(key);
                list.forEach(array::add);
            });
        } else {
            ObjectNode node = event.putObject(singleName);
            values.forEach((key, list) -> node.put(key, last(list)));
        }
    }

    private static void addLoadBalancerHeaders(Map<String, List<String>> headers, IncomingRequest request) {
        String forwarded = headers.containsKey("x-forwarded-for")
                ? String.join(", ", headers.get("x-forwarded-for")) + ", " + request.peerAddress()
                : request.peerAddress();
        headers.put("x-forwarded-for", List.of(forwarded));
        headers.put("x-forwarded-proto", List.of("http"));
        headers.put("x-forwarded-port", List.of(Integer.toString(request.listenerPort())));
        String trace = last(headers.get("x-amzn-trace-id"));
        if (trace == null || !trace.contains("Root=")) {
            headers.put("x-amzn-trace-id", List.of(newTraceId()));
        }
    }

    /** {@code Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>}. */
    static String newTraceId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return "Root=1-" + String.format("%08x", System.currentTimeMillis() / 1000) + "-"
                + HexFormat.of().formatHex(id);
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String last(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
