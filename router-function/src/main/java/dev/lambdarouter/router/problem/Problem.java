package dev.lambdarouter.router.problem;

import java.time.Duration;
import java.util.Objects;

/**
 * An error answer as {@code application/problem+json} (RFC 9457). Built only from router-owned text: never from
 * exception messages, stack traces or configuration content.
 *
 * @param status     HTTP status
 * @param type       short slug, rendered as {@code urn:lambda-router:problem:<slug>}
 * @param title      short, fixed summary of the problem type
 * @param detail     what happened in this occurrence, safe to show a client
 * @param retryAfter when set, sent as {@code Retry-After} (whole seconds, at least 1)
 */
public record Problem(int status, String type, String title, String detail, Duration retryAfter) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail, null);
    }

    public static Problem noRoute(String method, String path) {
        return new Problem(
                404, "no-route", "No route", "No route matches " + method + " " + truncate(path, 200) + ".", null);
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "payload-too-large", "Payload too large", detail, null);
    }

    public static Problem badGateway(String type, String title, String detail) {
        return new Problem(502, type, title, detail, null);
    }

    public static Problem unavailable(String type, String title, String detail, Duration retryAfter) {
        return new Problem(503, type, title, detail, retryAfter == null ? Duration.ofSeconds(1) : retryAfter);
    }

    /** Every target of the route is failing (its circuit is open) and the route has no fallback. */
    public static Problem noHealthyTarget() {
        return unavailable(
                "no-healthy-target",
                "No healthy target",
                "Every target of the route is failing; retry later.",
                Duration.ofSeconds(5));
    }

    /** The router has no routing table yet; {@code reason} says why (router-owned text). */
    public static Problem noRoutingTable(String reason) {
        return unavailable(
                "no-routing-table",
                "Routing table unavailable",
                "The router has no routing table yet: " + reason + ".",
                Duration.ofSeconds(5));
    }

    /** The route's fault injection aborted the request with {@code status} (400..599); no worker was invoked. */
    public static Problem injectedFault(int status) {
        return new Problem(
                status,
                "fault-injected",
                "Injected fault",
                "The route's fault injection aborted this request with status " + status + "; no worker was invoked.",
                null);
    }

    public static Problem timeout(String detail) {
        return new Problem(504, "timeout", "Gateway timeout", detail, null);
    }

    public static Problem internal() {
        return new Problem(
                500,
                "internal",
                "Internal router error",
                "The router failed to process the request. It has been logged.",
                null);
    }

    /** {@code Retry-After} in whole seconds, rounded up, or -1 when not set. */
    public long retryAfterSeconds() {
        if (retryAfter == null) {
            return -1;
        }
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
