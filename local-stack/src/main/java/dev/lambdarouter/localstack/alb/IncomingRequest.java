package dev.lambdarouter.localstack.alb;

/**
 * An HTTP request as the load balancer received it: its head, its body (empty when none), the client's IP address
 * and the port the request arrived on.
 */
record IncomingRequest(RequestHead head, byte[] body, String peerAddress, int listenerPort) {}
