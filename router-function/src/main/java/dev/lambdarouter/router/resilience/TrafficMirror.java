package dev.lambdarouter.router.resilience;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.dispatch.Invocation;
import dev.lambdarouter.router.dispatch.PayloadLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies requests fire-and-forget (Event invoke) to a shadow function, on a background thread with a bounded
 * queue: the shadow's outcome, latency or failure never reaches the client. When the queue is full the copy is
 * dropped and counted. In Lambda the thread is frozen between invocations, so a copy may leave on the next one.
 */
public final class TrafficMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficMirror.class);

    private final Dispatcher dispatcher;
    private final ThreadPoolExecutor executor;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public TrafficMirror(Dispatcher dispatcher, int queueCapacity) {
        this.dispatcher = dispatcher;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "traffic-mirror");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a copy of {@code payload} for {@code shadowFunction}; never blocks, never throws. */
    public void mirror(String shadowFunction, byte[] payload) {
        if (payload.length > PayloadLimits.ASYNC_REQUEST_BYTES) {
            dropped.incrementAndGet();
            return;
        }
        try {
            executor.execute(() -> send(shadowFunction, payload));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
        }
    }

    private void send(String shadowFunction, byte[] payload) {
        try {
            DispatchOutcome outcome = dispatcher.dispatch(
                    new Invocation(shadowFunction, DispatchMode.ASYNC, payload, Duration.ofSeconds(5)));
            if (outcome instanceof DispatchOutcome.Accepted) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.warn("mirror copy to {} not accepted: {}", shadowFunction, outcome.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("mirror copy to {} failed", shadowFunction, e);
        }
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
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
