package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.alb.InvalidWorkerResponseException;
import dev.lambdarouter.router.alb.WorkerResponseReader;

/**
 * Reads and checks a worker's synchronous answer as soon as the invoke returns, so that the steps above see an
 * answer the ALB would reject for what it is (a failure of the target) and the flow gets it read once.
 */
final class AnswerCheckStep implements DispatchStep {

    private final WorkerResponseReader reader;

    AnswerCheckStep(WorkerResponseReader reader) {
        this.reader = reader;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        DispatchResult result = next.proceed(call);
        if (!(result.outcome() instanceof DispatchOutcome.Responded r)) {
            return result;
        }
        try {
            return new DispatchResult(r, reader.read(r.payload()), null, result.attempts());
        } catch (InvalidWorkerResponseException e) {
            return new DispatchResult(r, null, e.getMessage(), result.attempts());
        }
    }
}
