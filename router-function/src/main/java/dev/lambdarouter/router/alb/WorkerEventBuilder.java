package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the worker's event: the ALB event as the ALB sent it (client {@code x-router-*} headers already removed by
 * the decoder), plus {@code x-router-route}, {@code x-router-target} and {@code x-request-id}, in the event's own
 * header mode.
 */
public final class WorkerEventBuilder {

    public static final String ROUTE_HEADER = "x-router-route";
    public static final String TARGET_HEADER = "x-router-target";
    public static final String REQUEST_ID_HEADER = "x-request-id";

    private final ObjectMapper mapper;

    public WorkerEventBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] build(AlbRequest request, String route, String target) {
        ObjectNode event = request.event();
        if (request.multiValueHeaders()) {
            ObjectNode headers = (ObjectNode) event.get("multiValueHeaders");
            headers.putArray(ROUTE_HEADER).add(route);
            headers.putArray(TARGET_HEADER).add(target);
            headers.putArray(REQUEST_ID_HEADER).add(request.requestId());
        } else {
            JsonNode existing = event.get("headers");
            ObjectNode headers = existing instanceof ObjectNode o ? o : event.putObject("headers");
            headers.put(ROUTE_HEADER, route);
            headers.put(TARGET_HEADER, target);
            headers.put(REQUEST_ID_HEADER, request.requestId());
        }
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
