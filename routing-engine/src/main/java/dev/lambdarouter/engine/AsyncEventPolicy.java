package dev.lambdarouter.engine;

import java.util.Set;

/**
 * Which client headers are removed from the events a route sends with Event invoke (its async dispatches and its
 * mirror copies). Lambda keeps such an event in its async queue and, when the invocation fails, in the function's
 * failure destination for days: credentials must not travel with it.
 *
 * @param dropHeaders lower-case header names removed from both {@code headers} and {@code multiValueHeaders}
 */
public record AsyncEventPolicy(Set<String> dropHeaders) {

    /** Credentials a client or the load balancer may put in headers; what an async worker gets without them. */
    public static final AsyncEventPolicy DEFAULT = new AsyncEventPolicy(Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "x-api-key",
            "x-amz-security-token",
            "x-amzn-oidc-accesstoken"));

    public AsyncEventPolicy {
        dropHeaders = Set.copyOf(dropHeaders);
    }
}
