package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.observability.InjectedFault;
import dev.lambdarouter.router.problem.Problem;

/**
 * The client's answer to a dispatch (the worker's checked response, a {@code 202}, or a problem), plus facts for
 * the request log and metrics.
 *
 * @param response        the answer when the dispatch succeeded, else null
 * @param problem         the problem when it did not, else null
 * @param lambdaRequestId Lambda's request id, when there was one
 * @param failureKind     the failure's {@link dev.lambdarouter.router.observability.MetricNames} count, or null
 * @param attempts        invocations made (0 when none was)
 * @param fault           what the route's fault injection did to the dispatch, or null
 */
public record WorkerAnswer(
        AlbResponse response,
        Problem problem,
        String lambdaRequestId,
        String failureKind,
        int attempts,
        InjectedFault fault) {}
