package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.observability.RouterTracer.DispatchSpan;

/**
 * The rest of the chain inside the call's dispatch span (started with the call, so that the worker event carries its
 * trace header), which ends with the attempts made and the outcome of the last one.
 */
final class TracingStep implements DispatchStep {

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        DispatchSpan span = call.span();
        DispatchResult result;
        try {
            result = span.run(() -> next.proceed(call));
        } catch (RuntimeException e) {
            span.failed(e);
            throw e;
        }
        span.end(result.attempts(), outcome(result));
        return result;
    }

    /** What the last attempt came to: {@code Responded}, {@code Accepted}, {@code WorkerFailed}, {@code Throttled}... */
    static String outcome(DispatchResult result) {
        DispatchOutcome outcome = result.outcome();
        if (outcome instanceof DispatchOutcome.Responded) {
            return result.rejection() == null ? "Responded" : "InvalidWorkerResponse";
        }
        if (outcome instanceof DispatchOutcome.Accepted) {
            return "Accepted";
        }
        if (outcome instanceof DispatchOutcome.FunctionFailed) {
            return "WorkerFailed";
        }
        return upperCamel(((DispatchOutcome.Failed) outcome).failure().name());
    }

    private static String upperCamel(String constant) {
        StringBuilder name = new StringBuilder(constant.length());
        boolean upper = true;
        for (int i = 0; i < constant.length(); i++) {
            char c = constant.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return name.toString();
    }
}
