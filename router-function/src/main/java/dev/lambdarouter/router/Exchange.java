package dev.lambdarouter.router;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.PickMethod;
import dev.lambdarouter.router.alb.AlbRequest;
import dev.lambdarouter.router.dispatch.WorkerAnswer;
import dev.lambdarouter.router.observability.InjectedFault;
import dev.lambdarouter.router.observability.RequestOutcome;
import dev.lambdarouter.router.observability.RouterTracer;
import dev.lambdarouter.router.problem.Problem;
import java.time.Duration;
import java.util.Locale;

/** Mutable facts gathered along one request by {@link RequestRouter}, for the log line and metrics. */
final class Exchange {

    final long startedNanos = System.nanoTime();
    boolean multiValue;
    AlbRequest request;
    String route;
    String target;
    DispatchMode mode;
    boolean fallback;
    PickMethod pick;
    Problem problem;
    String lambdaRequestId;
    String failureKind;
    int attempts;
    InjectedFault fault;
    /** The request's trace span, started once the event is decoded. */
    RouterTracer.RequestSpan span = RouterTracer.RequestSpan.NONE;

    String requestId() {
        return request == null ? null : request.requestId();
    }

    void answered(WorkerAnswer answer) {
        attempts = answer.attempts();
        lambdaRequestId = answer.lambdaRequestId();
        failureKind = answer.failureKind();
        fault = answer.fault();
    }

    RequestOutcome outcome(int status) {
        return new RequestOutcome(
                requestId(),
                request == null ? null : request.routing().method(),
                request == null ? null : request.routing().path(),
                route,
                target,
                mode == null ? null : modeName(mode),
                status,
                Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(),
                lambdaRequestId,
                problem == null ? null : problem.type(),
                attempts,
                fallback,
                pick == null ? null : pick.label(),
                fault);
    }

    static String modeName(DispatchMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
