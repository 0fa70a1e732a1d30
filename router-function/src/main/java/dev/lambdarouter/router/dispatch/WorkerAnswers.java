package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.FaultPolicy;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.FlatJsonObject;
import dev.lambdarouter.router.observability.InjectedFault;
import dev.lambdarouter.router.observability.MetricNames;
import dev.lambdarouter.router.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happened to a worker invocation into the client's answer: the worker's checked response, a {@code 202}
 * for an accepted async invoke, or a problem (an injected fault's abort: its configured status). Problem details are the router's own words: never the worker's error
 * text, an exception name, or configuration such as function names (those go to the log).
 */
final class WorkerAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerAnswers.class);

    WorkerAnswer answer(DispatchResult result, DispatchCall call) {
        DispatchOutcome outcome = result.outcome();
        int attempts = result.attempts();
        InjectedFault fault = InjectedFault.of(result.injectedDelay() != null, result.faultAborted());
        if (outcome instanceof DispatchOutcome.Responded r) {
            if (result.rejection() == null) {
                return new WorkerAnswer(result.response(), null, r.requestId(), null, attempts, fault);
            }
            LOG.warn("invalid worker response: {}", result.rejection());
            return new WorkerAnswer(
                    null,
                    Problem.badGateway(
                            "invalid-worker-response",
                            "Invalid worker response",
                            "The worker's response was rejected: " + result.rejection() + "."),
                    r.requestId(),
                    MetricNames.INVALID_WORKER_RESPONSE,
                    attempts,
                    fault);
        }
        if (outcome instanceof DispatchOutcome.Accepted a) {
            String body = new FlatJsonObject()
                    .add("requestId", a.requestId())
                    .add("route", call.route())
                    .add("target", call.target())
                    .toString();
            return new WorkerAnswer(
                    AlbResponse.json(202, "application/json", body), null, a.requestId(), null, attempts, fault);
        }
        if (outcome instanceof DispatchOutcome.FunctionFailed f) {
            LOG.warn("worker function error: {}", f.errorType());
            return new WorkerAnswer(
                    null,
                    Problem.badGateway(
                            "worker-failed", "Worker failed", "The worker function failed to handle the request."),
                    f.requestId(),
                    MetricNames.WORKER_FAILED,
                    attempts,
                    fault);
        }
        DispatchOutcome.Failed failed = (DispatchOutcome.Failed) outcome;
        if (failed.failure() != DispatchOutcome.Failure.FAULT_ABORT) { // an injected abort is no news for the log
            LOG.warn("dispatch failed: {} {}", failed.failure(), failed.detail());
        }
        return new WorkerAnswer(
                null, problem(failed, call), null, failed.failure().metricName(), attempts, fault);
    }

    private static Problem problem(DispatchOutcome.Failed failed, DispatchCall call) {
        DispatchMode mode = call.mode();
        return switch (failed.failure()) {
            case THROTTLED ->
                Problem.unavailable(
                        "throttled",
                        "Worker throttled",
                        "The worker function is throttled; retry later.",
                        failed.retryAfter());
            case CIRCUIT_OPEN -> Problem.noHealthyTarget();
            case FAULT_ABORT ->
                Problem.injectedFault(call.fault()
                        .flatMap(FaultPolicy::abort)
                        .map(FaultPolicy.Abort::status)
                        .orElseThrow(() -> new IllegalStateException("an injected abort without an abort policy")));
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
}
