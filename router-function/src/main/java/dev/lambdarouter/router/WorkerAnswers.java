package dev.lambdarouter.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.PayloadLimits;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.resilience.ResilientDispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happened to a worker invocation into the client's answer: the worker's checked response, a {@code 202}
 * for an accepted async invoke, or a problem. Problem details are the router's own words: never the worker's error
 * text, an exception name, or configuration such as function names (those go to the log).
 */
final class WorkerAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerAnswers.class);

    /**
     * The answer, or the problem to answer with, plus facts for the request log.
     *
     * @param response        the answer when the dispatch succeeded, else null
     * @param problem         the problem when it did not, else null
     * @param lambdaRequestId Lambda's request id, when there was one
     * @param failureKind     the metric name of the failure, or null
     */
    record Answer(AlbResponse response, Problem problem, String lambdaRequestId, String failureKind) {}

    private final ObjectMapper mapper;

    WorkerAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Answer answer(ResilientDispatcher.Result result, String route, String target, DispatchMode mode) {
        DispatchOutcome outcome = result.outcome();
        if (outcome instanceof DispatchOutcome.Responded r) {
            if (result.rejection() == null) {
                return new Answer(result.response(), null, r.requestId(), null);
            }
            LOG.warn("invalid worker response: {}", result.rejection());
            return new Answer(
                    null,
                    Problem.badGateway(
                            "invalid-worker-response",
                            "Invalid worker response",
                            "The worker's response was rejected: " + result.rejection() + "."),
                    r.requestId(),
                    "InvalidWorkerResponse");
        }
        if (outcome instanceof DispatchOutcome.Accepted a) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("requestId", a.requestId());
            body.put("route", route);
            body.put("target", target);
            return new Answer(AlbResponse.json(202, "application/json", json(body)), null, a.requestId(), null);
        }
        if (outcome instanceof DispatchOutcome.FunctionFailed f) {
            LOG.warn("worker function error: {}", f.errorType());
            return new Answer(
                    null,
                    Problem.badGateway(
                            "worker-failed", "Worker failed", "The worker function failed to handle the request."),
                    f.requestId(),
                    "WorkerFailed");
        }
        DispatchOutcome.Failed failed = (DispatchOutcome.Failed) outcome;
        LOG.warn("dispatch failed: {} {}", failed.failure(), failed.detail());
        return new Answer(null, problem(failed, mode), null, failed.failure().name());
    }

    private static Problem problem(DispatchOutcome.Failed failed, DispatchMode mode) {
        return switch (failed.failure()) {
            case THROTTLED ->
                Problem.unavailable(
                        "throttled",
                        "Worker throttled",
                        "The worker function is throttled; retry later.",
                        failed.retryAfter());
            case CIRCUIT_OPEN ->
                Problem.unavailable(
                        "no-healthy-target",
                        "No healthy target",
                        "Every target of the route is failing; retry later.",
                        Duration.ofSeconds(5));
            case TIMEOUT -> Problem.timeout("The worker did not answer within the route's timeout.");
            case PAYLOAD_TOO_LARGE ->
                Problem.tooLarge(String.format(
                        "The request is too large to invoke the worker: Lambda accepts at most %,d bytes for %s"
                                + " invocations.",
                        PayloadLimits.requestLimit(mode), mode == DispatchMode.SYNC ? "synchronous" : "asynchronous"));
            case FUNCTION_NOT_FOUND ->
                Problem.badGateway(
                        "worker-not-found", "Worker not found", "The route's target function does not exist.");
            case ACCESS_DENIED ->
                Problem.badGateway(
                        "worker-access-denied",
                        "Worker access denied",
                        "The router is not allowed to invoke the route's target function.");
            case INVALID_RESPONSE ->
                Problem.badGateway(
                        "invalid-worker-response",
                        "Invalid worker response",
                        "The worker's response could not be read.");
            case SERVICE_ERROR ->
                Problem.badGateway(
                        "lambda-unavailable",
                        "Lambda service error",
                        "The Lambda service failed to invoke the worker.");
        };
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a map of strings", e);
        }
    }
}
