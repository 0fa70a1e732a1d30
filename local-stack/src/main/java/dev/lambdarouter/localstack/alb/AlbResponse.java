package dev.lambdarouter.localstack.alb;

import java.util.List;
import java.util.Map;

/**
 * The HTTP response the load balancer sends to the client.
 *
 * @param status  HTTP status
 * @param headers header lines in order
 * @param body    body bytes
 */
record AlbResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {}
