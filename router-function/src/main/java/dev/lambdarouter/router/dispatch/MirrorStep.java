package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.Mirror;
import dev.lambdarouter.router.observability.RouterMetrics;
import java.util.Optional;

/**
 * Copies a sampled share of a route's requests to its shadow function while the rest of the pipeline runs, and
 * waits for the copy (at most the {@link TrafficMirror} budget) before returning: nothing of it may outlive the
 * invocation. The copy never changes the result.
 */
final class MirrorStep implements DispatchStep {

    private final TrafficMirror mirror;
    private final RouterMetrics metrics;

    MirrorStep(TrafficMirror mirror, RouterMetrics metrics) {
        this.mirror = mirror;
        this.metrics = metrics;
    }

    @Override
    public DispatchResult dispatch(DispatchCall call, Chain next) {
        TrafficMirror.Copy copy = start(call);
        try {
            return next.proceed(call);
        } finally {
            if (copy != null && !copy.finish()) {
                metrics.mirrorCopyDropped();
            }
        }
    }

    /** The copy when this request is sampled, else null. */
    private TrafficMirror.Copy start(DispatchCall call) {
        Optional<Mirror> shadow = call.mirror();
        if (shadow.isEmpty() || call.random().nextDouble() * 100 >= shadow.get().percent()) {
            return null;
        }
        String function = shadow.get().function();
        return mirror.send(function, call.shadowEvent().apply(function));
    }
}
