package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The worker event as the router wrote it before it read events with a streaming parser (up to session 15): the ALB
 * event read into a Jackson tree, fields an ALB does not send removed (at the top level and in
 * {@code requestContext}), client {@code x-router-*} headers removed, then written field by field with the router's
 * headers added (a client header of the same name, exactly, replaced in its place) and the dropped headers of an
 * Event invoke left out. Kept as the reference the streaming worker event is compared with, for valid events.
 */
final class TreeWorkerEvent {

    private static final Set<String> FIELDS = Set.of(
            "httpMethod",
            "path",
            "headers",
            "queryStringParameters",
            "multiValueHeaders",
            "multiValueQueryStringParameters",
            "body",
            "isBase64Encoded",
            "requestContext");

    private TreeWorkerEvent() {}

    static ObjectNode build(
            ObjectMapper mapper,
            byte[] raw,
            String requestId,
            String route,
            String target,
            DispatchMode invocation,
            AsyncEventPolicy asyncEvent,
            String traceHeader)
            throws IOException {
        ObjectNode event = (ObjectNode) mapper.readTree(raw);
        boolean multi = event.get("multiValueHeaders") != null
                && event.get("multiValueHeaders").isObject();
        event.retain(FIELDS);
        if (event.get("requestContext") instanceof ObjectNode context) {
            context.retain("elb");
            ((ObjectNode) context.get("elb")).retain("targetGroupArn");
        }
        String headersField = multi ? "multiValueHeaders" : "headers";
        if (event.get(headersField) instanceof ObjectNode headers) {
            for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
                if (names.next().toLowerCase(Locale.ROOT).startsWith("x-router-")) {
                    names.remove();
                }
            }
        }
        Set<String> dropped = invocation == DispatchMode.ASYNC ? asyncEvent.dropHeaders() : Set.of();
        List<String> added = traceHeader == null
                ? List.of("x-router-route", route, "x-router-target", target, "x-request-id", requestId)
                : List.of(
                        "x-router-route",
                        route,
                        "x-router-target",
                        target,
                        "x-request-id",
                        requestId,
                        "x-amzn-trace-id",
                        traceHeader);

        ObjectNode out = mapper.createObjectNode();
        boolean headersWritten = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(headersField) && field.getValue() instanceof ObjectNode headers) {
                out.set(headersField, headers(mapper, headers, dropped, added, multi));
                headersWritten = true;
            } else {
                out.set(field.getKey(), field.getValue());
            }
        }
        if (!headersWritten) {
            out.set(headersField, headers(mapper, null, dropped, added, multi));
        }
        return out;
    }

    private static ObjectNode headers(
            ObjectMapper mapper, ObjectNode original, Set<String> dropped, List<String> added, boolean multi) {
        ObjectNode out = mapper.createObjectNode();
        boolean[] written = new boolean[added.size() / 2];
        if (original != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                String name = header.getKey();
                if (!dropped.isEmpty() && dropped.contains(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                int replaced = added.indexOf(name);
                if (replaced >= 0 && replaced % 2 == 0) {
                    written[replaced / 2] = true;
                    out.set(name, value(mapper, added.get(replaced + 1), multi));
                } else {
                    out.set(name, header.getValue());
                }
            }
        }
        for (int i = 0; i < written.length; i++) {
            if (!written[i]) {
                out.set(added.get(2 * i), value(mapper, added.get(2 * i + 1), multi));
            }
        }
        return out;
    }

    private static JsonNode value(ObjectMapper mapper, String value, boolean multi) {
        if (!multi) {
            return mapper.getNodeFactory().textNode(value);
        }
        ArrayNode array = mapper.createArrayNode();
        array.add(value);
        return array;
    }
}
