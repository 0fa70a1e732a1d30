package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lambdarouter.engine.AsyncEventPolicy;
import dev.lambdarouter.engine.DispatchMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Builds the worker's event: the ALB event as the ALB sent it, less client {@code x-router-*} headers, plus
 * {@code x-router-route}, {@code x-router-target} and {@code x-request-id}, in the event's own header mode; and, when
 * the request is traced, {@code x-amzn-trace-id} naming the router's dispatch span as parent (it replaces the ALB's),
 * so that the worker continues the same X-Ray trace. A client header of the same name as one of these, in any case,
 * is replaced in its place.
 *
 * <p>An event sent with Event invoke (an async route's, a mirror copy) waits in Lambda's async queue and, when the
 * invocation fails, in the function's failure destination for days: it leaves out the client headers the route's
 * {@link AsyncEventPolicy} drops (by default the credential headers), from {@code headers} and
 * {@code multiValueHeaders} alike. A RequestResponse event carries every header. The request's own event is never
 * changed, so one request can yield both kinds.
 *
 * <p>The event is written from the raw bytes the decoder read ({@link AlbEvent}): each field an ALB sends is copied as
 * it came, byte for byte (JSON escapes included), but for the header object, written member by member (each client
 * header it keeps copied as it came), and {@code requestContext}, written without the fields an ALB does not send.
 * Fields an ALB does not send are left out. Its exact size is counted first: one array, no copy.
 */
public final class WorkerEventBuilder {

    public static final String ROUTE_HEADER = "x-router-route";
    public static final String TARGET_HEADER = "x-router-target";
    public static final String REQUEST_ID_HEADER = "x-request-id";
    public static final String TRACE_HEADER = "x-amzn-trace-id";

    /** The headers the router adds, in order (the trace header only when traced), and their JSON member names. */
    private static final String[] ADDED = {ROUTE_HEADER, TARGET_HEADER, REQUEST_ID_HEADER, TRACE_HEADER};

    private static final byte[][] ADDED_NAMES = {
        ascii("\"" + ROUTE_HEADER + "\":"),
        ascii("\"" + TARGET_HEADER + "\":"),
        ascii("\"" + REQUEST_ID_HEADER + "\":"),
        ascii("\"" + TRACE_HEADER + "\":")
    };

    private static final byte[] HEADERS = ascii("\"headers\":");
    private static final byte[] MULTI_VALUE_HEADERS = ascii("\"multiValueHeaders\":");
    private static final byte[] REQUEST_CONTEXT = ascii("\"requestContext\":{\"elb\":{\"targetGroupArn\":");
    private static final byte[] REQUEST_CONTEXT_END = ascii("}}");

    /** What becomes of a client header: left out, copied, or (0 and up) replaced by that added header. */
    private static final int LEFT_OUT = -2;

    private static final int COPIED = -1;

    public WorkerEventBuilder() {}

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
        String[] values = traceHeader == null
                ? new String[] {route, target, request.requestId()}
                : new String[] {route, target, request.requestId(), traceHeader};
        boolean multi = request.multiValueHeaders();
        byte[][] addedMembers = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            addedMembers[i] = member(ADDED_NAMES[i], values[i], multi);
        }

        AlbEvent event = request.event();
        int headersField = multi ? AlbEvent.MULTI_VALUE_HEADERS : AlbEvent.HEADERS;
        AlbEvent.Members own = event.members[headersField];
        List<AlbEvent.Member> clientHeaders = own == null ? List.of() : own.list;
        int[] fate = new int[clientHeaders.size()];
        boolean[] placed = new boolean[addedMembers.length];
        int headersSize = 2;
        int headerCount = 0;
        for (int i = 0; i < fate.length; i++) {
            AlbEvent.Member header = clientHeaders.get(i);
            String name = header.lowerName();
            if (name.startsWith(AlbRequestDecoder.ROUTER_HEADER_PREFIX)
                    || (!dropped.isEmpty() && dropped.contains(name))) {
                fate[i] = LEFT_OUT;
                continue;
            }
            int replacedBy = indexOf(name, addedMembers.length);
            if (replacedBy >= 0) {
                placed[replacedBy] = true;
                headersSize += addedMembers[replacedBy].length;
            } else {
                headersSize += header.end() - header.start();
            }
            fate[i] = replacedBy;
            headerCount++;
        }
        for (int i = 0; i < addedMembers.length; i++) {
            if (!placed[i]) {
                headersSize += addedMembers[i].length;
                headerCount++;
            }
        }
        headersSize += Math.max(headerCount - 1, 0);
        byte[] headersName = multi ? MULTI_VALUE_HEADERS : HEADERS;

        int size = 2 + Math.max(event.fieldCount - 1, 0);
        for (int i = 0; i < event.fieldCount; i++) {
            int field = event.order[i];
            if (field == headersField) {
                size += headersName.length + headersSize;
            } else if (field == AlbEvent.REQUEST_CONTEXT) {
                size += REQUEST_CONTEXT.length
                        + event.targetGroupArnEnd
                        - event.targetGroupArnStart
                        + REQUEST_CONTEXT_END.length;
            } else {
                size += event.end[field] - event.start[field];
            }
        }
        if (!event.has(headersField)) {
            size += (event.fieldCount > 0 ? 1 : 0) + headersName.length + headersSize;
        }

        Out out = new Out(size);
        out.put((byte) '{');
        for (int i = 0; i < event.fieldCount; i++) {
            int field = event.order[i];
            if (i > 0) {
                out.put((byte) ',');
            }
            if (field == headersField) {
                out.put(headersName);
                writeHeaders(out, event.raw, clientHeaders, fate, addedMembers, placed);
            } else if (field == AlbEvent.REQUEST_CONTEXT) {
                out.put(REQUEST_CONTEXT);
                out.put(event.raw, event.targetGroupArnStart, event.targetGroupArnEnd);
                out.put(REQUEST_CONTEXT_END);
            } else {
                out.put(event.raw, event.start[field], event.end[field]);
            }
        }
        if (!event.has(headersField)) {
            if (event.fieldCount > 0) {
                out.put((byte) ',');
            }
            out.put(headersName);
            writeHeaders(out, event.raw, clientHeaders, fate, addedMembers, placed);
        }
        out.put((byte) '}');
        return out.bytes();
    }

    /**
     * Writes the header object: the client's headers in their order, each copied, left out or replaced as
     * {@code fate} says, then the added headers that replaced none.
     */
    private static void writeHeaders(
            Out out,
            byte[] raw,
            List<AlbEvent.Member> clientHeaders,
            int[] fate,
            byte[][] addedMembers,
            boolean[] placed) {
        out.put((byte) '{');
        boolean first = true;
        for (int i = 0; i < fate.length; i++) {
            if (fate[i] == LEFT_OUT) {
                continue;
            }
            if (!first) {
                out.put((byte) ',');
            }
            first = false;
            if (fate[i] == COPIED) {
                AlbEvent.Member header = clientHeaders.get(i);
                out.put(raw, header.start(), header.end());
            } else {
                out.put(addedMembers[fate[i]]);
            }
        }
        for (int i = 0; i < addedMembers.length; i++) {
            if (!placed[i]) {
                if (!first) {
                    out.put((byte) ',');
                }
                first = false;
                out.put(addedMembers[i]);
            }
        }
        out.put((byte) '}');
    }

    /** The index of the added header named {@code name} among the first {@code count}, or -1. */
    private static int indexOf(String name, int count) {
        for (int i = 0; i < count; i++) {
            if (ADDED[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** An added header as a JSON member: {@code "name":"value"}, or {@code "name":["value"]} in multi-value mode. */
    private static byte[] member(byte[] name, String value, boolean multi) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        Out out = new Out(name.length + quoted.length + (multi ? 4 : 2));
        out.put(name);
        if (multi) {
            out.put((byte) '[');
        }
        out.put((byte) '"');
        out.put(quoted);
        out.put((byte) '"');
        if (multi) {
            out.put((byte) ']');
        }
        return out.bytes();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A byte array of known size, filled in order. */
    private static final class Out {

        private final byte[] bytes;
        private int size;

        Out(int capacity) {
            bytes = new byte[capacity];
        }

        void put(byte b) {
            bytes[size++] = b;
        }

        void put(byte[] b) {
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void put(byte[] b, int from, int to) {
            System.arraycopy(b, from, bytes, size, to - from);
            size += to - from;
        }

        byte[] bytes() {
            if (size != bytes.length) {
                throw new IllegalStateException("worker event of " + size + " bytes, " + bytes.length + " counted");
            }
            return bytes;
        }
    }
}
