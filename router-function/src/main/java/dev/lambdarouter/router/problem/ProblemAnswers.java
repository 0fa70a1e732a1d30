package dev.lambdarouter.router.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.alb.AlbResponse;
import java.util.LinkedHashMap;

/** Renders a {@link Problem} as the client's answer: {@code application/problem+json}, plus {@code Retry-After}. */
public final class ProblemAnswers {

    private final ObjectMapper mapper;

    public ProblemAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AlbResponse answer(Problem p) {
        LinkedHashMap<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:lambda-router:problem:" + p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        AlbResponse response = AlbResponse.json(p.status(), Problem.CONTENT_TYPE, mapper, body);
        if (p.retryAfterSeconds() > 0) {
            response = response.withHeader("retry-after", Long.toString(p.retryAfterSeconds()));
        }
        return response;
    }
}
