/**
 * Dispatch: sending one request to its worker Lambda and turning what happened into the client's answer.
 *
 * <p>Public surface: {@link dev.lambdarouter.router.dispatch.DispatchPipeline} (the chain, given a
 * {@link dev.lambdarouter.router.dispatch.DispatchCall}, answers a
 * {@link dev.lambdarouter.router.dispatch.WorkerAnswer}); the components that outlive a request and that the
 * router's wiring builds ({@link dev.lambdarouter.router.dispatch.TargetCircuitBreakers},
 * {@link dev.lambdarouter.router.dispatch.RetryBudget}, {@link dev.lambdarouter.router.dispatch.TrafficMirror}); and
 * the Lambda seam ({@link dev.lambdarouter.router.dispatch.Dispatcher}, its
 * {@link dev.lambdarouter.router.dispatch.Invocation} and {@link dev.lambdarouter.router.dispatch.DispatchOutcome},
 * {@link dev.lambdarouter.router.dispatch.LambdaDispatcher} over the Invoke API).
 *
 * <p>Package-private: the steps of the chain (one concern each, in the order {@code DispatchPipeline} lists them),
 * their result, and the outcome-to-answer mapping. A new dispatch policy is a new {@code DispatchStep} placed in
 * that list.
 */
package dev.lambdarouter.router.dispatch;
