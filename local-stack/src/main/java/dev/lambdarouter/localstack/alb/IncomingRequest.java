package dev.lambdarouter.localstack.alb;

import java.util.List;
import java.util.Map;

/** An HTTP request as the load balancer received it: path and query (without {@code ?}) still percent-encoded,
 * header names as sent, the client's IP address and the port the request arrived on. */
record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        String peerAddress,
        int listenerPort) {}
