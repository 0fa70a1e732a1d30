package dev.lambdarouter.localstack.alb;

import java.util.List;
import java.util.Map;

/** The HTTP response the load balancer sends to the client. */
record AlbResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {}
