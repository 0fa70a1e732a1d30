package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the worker's event: the ALB event as the ALB sent it (client {@code x-router-*} headers already removed by
 * the decoder), plus {@code x-router-route}, {@code x-router-target} and {@code x-request-id}, in the event's own
 * header mode; and, when the request is traced, {@code x-amzn-trace-id} naming the router's dispatch span as parent
 * (it replaces the ALB's), so that the worker continues the same X-Ray trace.
 *
 * <p>An event sent with Event invoke (an async route's, a mirror copy) waits in Lambda's async queue and, when the
 * invocation fails, in the function's failure destination for days: it leaves out the client headers the route's
 * {@link AsyncEventPolicy} drops (by default the credential headers), from {@code headers} and
 * {@code multiValueHeaders} alike. A RequestResponse event carries every header. The request's own event is never
 * changed, so one request can yield both kinds.
 */
public final class WorkerEventBuilder {

    public static final String ROUTE_HEADER = "x-router-route";
    public static final String TARGET_HEADER = "x-router-target";
    public static final String REQUEST_ID_HEADER = "x-request-id";
    public static final String TRACE_HEADER = "x-amzn-trace-id";

    private static final String HEADERS = "headers";
    private static final String MULTI_VALUE_HEADERS = "multiValueHeaders";

    private final ObjectMapper mapper;

    public WorkerEventBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The event for one invocation of {@code target} on behalf of the route named {@code route}.
     *
     * @param invocation how the event is sent: {@link DispatchMode#ASYNC} (Event invoke) drops the headers
     *                   {@code asyncEvent} names
     * @param asyncEvent the route's {@code asyncEvent.dropHeaders}
     * @param traceHeader the X-Ray trace header for the worker, or null to leave the event's as it is
     */
    public byte[] build(
            AlbRequest request,
            String route,
            String target,
            DispatchMode invocation,
            AsyncEventPolicy asyncEvent,
            String traceHeader) {
        Set<String> dropped = invocation == DispatchMode.ASYNC ? asyncEvent.dropHeaders() : Set.of();
        ObjectNode event = request.event().objectNode();
        event.setAll(request.event());
        copyHeaders(event, HEADERS, dropped);
        copyHeaders(event, MULTI_VALUE_HEADERS, dropped);
        if (request.multiValueHeaders()) {
            ObjectNode headers = (ObjectNode) event.get(MULTI_VALUE_HEADERS);
            headers.putArray(ROUTE_HEADER).add(route);
            headers.putArray(TARGET_HEADER).add(target);
            headers.putArray(REQUEST_ID_HEADER).add(request.requestId());
            if (traceHeader != null) {
                headers.putArray(TRACE_HEADER).add(traceHeader);
            }
        } else {
            JsonNode existing = event.get(HEADERS);
            ObjectNode headers = existing instanceof ObjectNode o ? o : event.putObject(HEADERS);
            headers.put(ROUTE_HEADER, route);
            headers.put(TARGET_HEADER, target);
            headers.put(REQUEST_ID_HEADER, request.requestId());
            if (traceHeader != null) {
                headers.put(TRACE_HEADER, traceHeader);
            }
        }
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Replaces {@code event.field}, when it is an object, by a copy without the dropped header names. */
    private static void copyHeaders(ObjectNode event, String field, Set<String> dropped) {
        if (!(event.get(field) instanceof ObjectNode original)) {
            return;
        }
        ObjectNode copy = event.putObject(field);
        for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (dropped.isEmpty() || !dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                copy.set(header.getKey(), header.getValue());
            }
        }
    }
}
