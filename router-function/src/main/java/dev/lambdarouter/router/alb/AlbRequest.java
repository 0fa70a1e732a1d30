package dev.lambdarouter.router.alb;

import dev.lambdarouter.engine.RoutingRequest;

/**
 * An ALB target-group event, decoded.
 *
 * @param event             the event as the ALB sent it, read once ({@link AlbEvent}); the worker event is written
 *                          from it, less client-sent {@code x-router-*} headers
 * @param multiValueHeaders true when the target group has multi-value headers on: the answer must use them too
 * @param routing           what the routing engine matches on
 * @param requestId         the {@code x-request-id} for this request (the client's if well-formed, else new)
 * @param traceId           the {@code x-amzn-trace-id} the ALB added, or null
 * @param bodyBytes         size of the decoded body
 */
public record AlbRequest(
        AlbEvent event,
        boolean multiValueHeaders,
        RoutingRequest routing,
        String requestId,
        String traceId,
        int bodyBytes) {}
