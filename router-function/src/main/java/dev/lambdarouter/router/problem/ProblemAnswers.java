package dev.lambdarouter.router.problem;

import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.FlatJsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link Problem} as the client's answer: {@code application/problem+json}, plus {@code Retry-After}. */
public final class ProblemAnswers {

    public AlbResponse answer(Problem p) {
        String body = new FlatJsonObject()
                .add("type", "urn:lambda-router:problem:" + p.type())
                .add("title", p.title())
                .add("status", p.status())
                .add("detail", p.detail())
                .toString();
        Map<String, List<String>> headers = new LinkedHashMap<>(4);
        headers.put("content-type", List.of(Problem.CONTENT_TYPE));
        if (p.retryAfterSeconds() > 0) {
            headers.put("retry-after", List.of(Long.toString(p.retryAfterSeconds())));
        }
        return new AlbResponse(p.status(), headers, body, false);
    }
}
