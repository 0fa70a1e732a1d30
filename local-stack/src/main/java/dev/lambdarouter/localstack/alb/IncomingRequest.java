package dev.lambdarouter.localstack.alb;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the load balancer received it.
 *
 * @param method       e.g. {@code GET}
 * @param rawPath      the path as sent (still percent-encoded)
 * @param rawQuery     the query string as sent, without {@code ?}, or {@code null}
 * @param headers      header lines in order, names as sent
 * @param body         the body (empty when none)
 * @param peerAddress  the client's IP address
 * @param listenerPort the port the request arrived on
 */
record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        String peerAddress,
        int listenerPort) {}
