package dev.lambdarouter.workers.support;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds ALB responses with a JSON body, in the header mode the request came in: a target group with
 * multi-value headers on expects {@code multiValueHeaders} back, otherwise {@code headers}.
 */
public final class AlbResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlbResponses() {}

    /** A JSON response ({@code application/json}) with the given status and body object (Jackson-serialised). */
    public static ApplicationLoadBalancerResponseEvent json(AlbRequest request, int status, Object body) {
        return json(request, status, body, Map.of());
    }

    /** Like {@link #json(AlbRequest, int, Object)}, with extra response headers. */
    public static ApplicationLoadBalancerResponseEvent json(
            AlbRequest request, int status, Object body, Map<String, String> extraHeaders) {
        return respond(request, status, "application/json", serialise(body), extraHeaders);
    }

    /** An RFC 9457 problem ({@code application/problem+json}) with a human-readable detail. */
    public static ApplicationLoadBalancerResponseEvent problem(
            AlbRequest request, int status, String detail, Map<String, String> extraHeaders) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatusText.reason(status));
        problem.put("status", status);
        problem.put("detail", detail);
        return respond(request, status, "application/problem+json", serialise(problem), extraHeaders);
    }

    /** Like {@link #problem(AlbRequest, int, String, Map)} without extra headers. */
    public static ApplicationLoadBalancerResponseEvent problem(AlbRequest request, int status, String detail) {
        return problem(request, status, detail, Map.of());
    }

    private static ApplicationLoadBalancerResponseEvent respond(
            AlbRequest request, int status, String contentType, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        extraHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));

        ApplicationLoadBalancerResponseEvent response = new ApplicationLoadBalancerResponseEvent();
        response.setStatusCode(status);
        response.setStatusDescription(status + " " + HttpStatusText.reason(status));
        response.setIsBase64Encoded(false);
        response.setBody(body);
        if (request.multiValueHeaders()) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            headers.forEach((name, value) -> multi.put(name, List.of(value)));
            response.setMultiValueHeaders(multi);
        } else {
            response.setHeaders(headers);
        }
        return response;
    }

    private static String serialise(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise response body of type " + body.getClass().getName(), e);
        }
    }
}
