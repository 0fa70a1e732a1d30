package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * changed, so one request can yield both kinds. The event is written field by field from the request's tree, with no
 * copy of the tree.
 */
public final class WorkerEventBuilder {

    public static final String ROUTE_HEADER = "x-router-route";
    public static final String TARGET_HEADER = "x-router-target";
    public static final String REQUEST_ID_HEADER = "x-request-id";
    public static final String TRACE_HEADER = "x-amzn-trace-id";

    private static final String HEADERS = "headers";
    private static final String MULTI_VALUE_HEADERS = "multiValueHeaders";
    private static final String[] NONE_ADDED = {};

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
        String[] added = traceHeader == null
                ? new String[] {ROUTE_HEADER, route, TARGET_HEADER, target, REQUEST_ID_HEADER, request.requestId()}
                : new String[] {
                    ROUTE_HEADER,
                    route,
                    TARGET_HEADER,
                    target,
                    REQUEST_ID_HEADER,
                    request.requestId(),
                    TRACE_HEADER,
                    traceHeader
                };
        boolean multi = request.multiValueHeaders();
        String headersField = multi ? MULTI_VALUE_HEADERS : HEADERS;
        // As ObjectMapper.writeValueAsBytes does: a pooled buffer, one copy out.
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = mapper.createGenerator(out)) {
                g.writeStartObject();
                boolean headersWritten = false;
                for (Iterator<Map.Entry<String, JsonNode>> it = request.event().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    boolean isHeaders =
                            field.getKey().equals(HEADERS) || field.getKey().equals(MULTI_VALUE_HEADERS);
                    if (isHeaders && field.getValue() instanceof ObjectNode headers) {
                        boolean own = field.getKey().equals(headersField);
                        writeHeaders(g, headers, dropped, own ? added : NONE_ADDED, multi);
                        headersWritten |= own;
                    } else {
                        mapper.writeTree(g, field.getValue());
                    }
                }
                if (!headersWritten) {
                    g.writeFieldName(headersField);
                    writeHeaders(g, null, dropped, added, multi);
                }
                g.writeEndObject();
            }
            byte[] event = out.toByteArray();
            out.release();
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a worker event", e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * Writes a header object: {@code original}'s headers less the dropped ones, in their order, then {@code added}
     * (name, value pairs). An added header that the original has (same name, not dropped) takes its place instead.
     */
    private static void writeHeaders(
            JsonGenerator g, ObjectNode original, Set<String> dropped, String[] added, boolean multi)
            throws IOException {
        g.writeStartObject();
        boolean[] written = new boolean[added.length / 2];
        if (original != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                String name = header.getKey();
                if (!dropped.isEmpty() && dropped.contains(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                int replaced = indexOf(added, name);
                if (replaced >= 0) {
                    written[replaced] = true;
                    writeHeader(g, name, added[2 * replaced + 1], multi);
                } else {
                    g.writeFieldName(name);
                    g.writeTree(header.getValue());
                }
            }
        }
        for (int i = 0; i < written.length; i++) {
            if (!written[i]) {
                writeHeader(g, added[2 * i], added[2 * i + 1], multi);
            }
        }
        g.writeEndObject();
    }

    private static int indexOf(String[] added, String name) {
        for (int i = 0; i < added.length; i += 2) {
            if (added[i].equals(name)) {
                return i / 2;
            }
        }
        return -1;
    }

    private static void writeHeader(JsonGenerator g, String name, String value, boolean multi) throws IOException {
        g.writeFieldName(name);
        if (multi) {
            g.writeStartArray();
            g.writeString(value);
            g.writeEndArray();
        } else {
            g.writeString(value);
        }
    }
}
