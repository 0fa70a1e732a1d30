package dev.lambdarouter.router.observability;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import java.util.function.Supplier;

/**
 * X-Ray subsegment {@code dispatch} around each worker invocation, annotated with {@code route}, {@code target}
 * and {@code mode} (annotations are indexed: filter traces with {@code annotation.route = "orders"}). The SDK v2
 * instrumentor on the class path adds the {@code Lambda} Invoke subsegment inside it.
 *
 * <p>Outside Lambda (tests, local runs) there is no segment to attach to; the recorder is set to ignore that.
 */
public final class XRayDispatchTracer implements DispatchTracer {

    /** Installs the global recorder with a strategy that ignores a missing segment. Call once at init. */
    public static XRayDispatchTracer install() {
        AWSXRay.setGlobalRecorder(AWSXRayRecorderBuilder.standard()
                .withContextMissingStrategy(new IgnoreErrorContextMissingStrategy())
                .build());
        return new XRayDispatchTracer();
    }

    @Override
    public <T> T traceDispatch(String route, String target, String mode, Supplier<T> dispatch) {
        Subsegment subsegment = AWSXRay.beginSubsegment("dispatch");
        try {
            subsegment.putAnnotation("route", route);
            subsegment.putAnnotation("target", target);
            subsegment.putAnnotation("mode", mode);
            return dispatch.get();
        } catch (RuntimeException e) {
            subsegment.addException(e);
            throw e;
        } finally {
            AWSXRay.endSubsegment();
        }
    }
}
