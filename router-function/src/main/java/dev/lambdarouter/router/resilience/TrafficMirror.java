package dev.lambdarouter.router.resilience;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.dispatch.Invocation;
import dev.lambdarouter.router.dispatch.PayloadLimits;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies requests fire-and-forget (Event invoke) to a shadow function, on a background thread with a bounded
 * queue: the shadow's outcome, latency or failure never reaches the client. A copy that cannot be sent (queue full,
 * payload over the 1 MB Event limit, not accepted) is dropped with a warning in the log. In Lambda the thread is frozen between invocations, so a copy may leave on the next one.
 */
public final class TrafficMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficMirror.class);

    private final Dispatcher dispatcher;
    private final ThreadPoolExecutor executor;

    public TrafficMirror(Dispatcher dispatcher, int queueCapacity) {
        this.dispatcher = dispatcher;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "traffic-mirror");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a copy of {@code payload} for {@code shadowFunction}; never blocks, never throws. */
    public void mirror(String shadowFunction, byte[] payload) {
        if (payload.length > PayloadLimits.ASYNC_REQUEST_BYTES) {
            LOG.warn(
                    "mirror copy to {} dropped: {} bytes is over the Event invoke limit",
                    shadowFunction,
                    payload.length);
            return;
        }
        try {
            executor.execute(() -> send(shadowFunction, payload));
        } catch (RejectedExecutionException e) {
            LOG.warn("mirror copy to {} dropped: the mirror queue is full", shadowFunction);
        }
    }

    private void send(String shadowFunction, byte[] payload) {
        try {
            DispatchOutcome outcome = dispatcher.dispatch(
                    new Invocation(shadowFunction, DispatchMode.ASYNC, payload, Duration.ofSeconds(5)));
            if (!(outcome instanceof DispatchOutcome.Accepted)) {
                LOG.warn(
                        "mirror copy to {} not accepted: {}",
                        shadowFunction,
                        outcome.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            LOG.warn("mirror copy to {} failed", shadowFunction, e);
        }
    }

    /** Waits up to {@code timeout} for queued copies to leave (tests, shutdown). */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
