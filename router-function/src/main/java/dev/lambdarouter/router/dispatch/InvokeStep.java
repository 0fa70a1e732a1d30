package dev.lambdarouter.router.dispatch;

/** The end of the pipeline: one invocation through the {@link Dispatcher} (Lambda's Invoke API in production). */
final class InvokeStep implements DispatchStep {

    private final Dispatcher lambda;

    InvokeStep(Dispatcher lambda) {
        this.lambda = lambda;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        return DispatchResult.invoked(lambda.dispatch(call.invocation()));
    }
}
