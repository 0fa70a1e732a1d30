package dev.lambdarouter.router.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.alb.WorkerResponseReader;
import dev.lambdarouter.router.observability.RouterMetrics;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sends one request to its worker and turns what happened into the client's answer. The pipeline is the list in
 * the constructor, outermost first; each step is one concern:
 * <ol>
 *   <li>{@link MirrorStep}: a sampled copy to the route's shadow function, alongside everything below;</li>
 *   <li>{@link TracingStep}: the rest inside the call's trace span, which records attempts and outcome;</li>
 *   <li>{@link FaultStep}: the route's fault injection, a delay before and an abort instead of the rest;</li>
 *   <li>{@link RetryStep}: retries within the deadline, spending from the {@link RetryBudget}, with backoff;</li>
 *   <li>{@link CircuitBreakerStep}: one attempt through the target's circuit breaker, which sees its result;</li>
 *   <li>{@link AnswerCheckStep}: a synchronous answer read and checked, so that an invalid one is a failure;</li>
 *   <li>{@link InvokeStep}: the Lambda invoke.</li>
 * </ol>
 * The mirror is outside the fault step: the shadow gets its copy of a sampled request whether or not a fault is
 * injected into it, as it would if the picked target really failed or were slow, so a fault rehearsal does not
 * change what the shadow sees (and the copy leaves while the delay runs). The result becomes the answer in
 * {@link WorkerAnswers}. Components that outlive a request (breakers, budget,
 * mirror) are built by the router's wiring and handed in.
 */
public final class DispatchPipeline {

    /** Sleeps between attempts (a seam for tests that must not wait). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(java.time.Duration duration) throws InterruptedException;

        /** Sleeps the calling thread (at least 1 ms). */
        Sleeper THREAD = d -> Thread.sleep(Math.max(1, d.toMillis()));
    }

    private final List<DispatchStep> steps;
    private final WorkerAnswers answers;

    public DispatchPipeline(
            Dispatcher lambda,
            TargetCircuitBreakers breakers,
            RetryBudget budget,
            TrafficMirror mirror,
            RouterMetrics metrics,
            Sleeper sleeper,
            LongSupplier nanoClock,
            ObjectMapper mapper) {
        this.steps = List.of(
                new MirrorStep(mirror, metrics),
                new TracingStep(),
                new FaultStep(sleeper, nanoClock),
                new RetryStep(budget, sleeper, nanoClock),
                new CircuitBreakerStep(breakers, nanoClock),
                new AnswerCheckStep(new WorkerResponseReader(mapper.getFactory())),
                new InvokeStep(lambda));
        this.answers = new WorkerAnswers();
    }

    /** Dispatches {@code call}; never throws for what Lambda or the worker did. */
    public WorkerAnswer dispatch(DispatchCall call) {
        return answers.answer(result(call), call);
    }

    /** What the steps came to, before it becomes an answer. */
    DispatchResult result(DispatchCall call) {
        return new StepChain(steps, 0).proceed(call);
    }

    /** The steps from {@code index} on. */
    record StepChain(List<DispatchStep> steps, int index) implements DispatchStep.Chain {

        @Override
        public DispatchResult proceed(DispatchCall call) {
            if (index >= steps.size()) {
                throw new IllegalStateException("the last dispatch step must not proceed");
            }
            return steps.get(index).dispatch(call, new StepChain(steps, index + 1));
        }

        @Override
        public boolean admits(String target) {
            for (int i = index; i < steps.size(); i++) {
                if (!steps.get(i).admits(target)) {
                    return false;
                }
            }
            return true;
        }
    }
}
