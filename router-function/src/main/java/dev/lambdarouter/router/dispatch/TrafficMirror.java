package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.DispatchMode;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies requests to a shadow function with an Event invoke, within the invocation that decided them: Lambda freezes
 * an execution environment between invocations, so a copy still queued or in flight when the router answers could
 * leave much later, or never.
 *
 * <p>A copy starts in parallel with the worker call ({@link #send}) and has {@code budget} from that moment to be
 * accepted: its Event invoke is bounded by the budget, and the router waits for it ({@link Copy#finish}) before
 * answering, at most for what is left of the budget. A copy not accepted by then is cancelled and counted as dropped;
 * so is a copy over the 1 MB Event limit, or one that finds {@value #MAX_IN_FLIGHT} copies still in flight. The
 * shadow's outcome never reaches the client; a slow shadow adds at most the budget to the client's latency.
 */
public final class TrafficMirror implements AutoCloseable {

    /** How long a copy may take to be accepted, counted from its start. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    /**
     * Copies in flight at once. One is enough for a Lambda execution environment (one request at a time); the few
     * more let a cancelled copy finish aborting without costing the next request its copy.
     */
    static final int MAX_IN_FLIGHT = 4;

    private static final Logger LOG = LoggerFactory.getLogger(TrafficMirror.class);

    private final Dispatcher dispatcher;
    private final Duration budget;
    private final ThreadPoolExecutor executor;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public TrafficMirror(Dispatcher dispatcher, Duration budget) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.budget = Objects.requireNonNull(budget, "budget");
        if (budget.isZero() || budget.isNegative()) {
            throw new IllegalArgumentException("the mirror budget must be positive, was " + budget);
        }
        // No queue: a copy either starts now or is dropped, so none can wait for a later invocation.
        this.executor = new ThreadPoolExecutor(
                0,
                MAX_IN_FLIGHT,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "traffic-mirror");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Starts sending a copy of {@code payload} to {@code shadowFunction}; never blocks, never throws. The caller
     * must {@link Copy#finish} the copy before it answers.
     */
    public Copy send(String shadowFunction, byte[] payload) {
        if (payload.length > PayloadLimits.ASYNC_REQUEST_BYTES) {
            return new Copy(shadowFunction, null, 0, payload.length + " bytes is over the Event invoke limit");
        }
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            Future<DispatchOutcome> pending = executor.submit(
                    () -> dispatcher.dispatch(new Invocation(shadowFunction, DispatchMode.ASYNC, payload, budget)));
            return new Copy(shadowFunction, pending, deadline, null);
        } catch (RejectedExecutionException e) {
            return new Copy(shadowFunction, null, 0, MAX_IN_FLIGHT + " copies are still in flight");
        }
    }

    /** Copies that Lambda accepted before the router answered. */
    public long sent() {
        return sent.get();
    }

    /** Copies not sent, or not accepted within the budget (Lambda may still have queued those). */
    public long dropped() {
        return dropped.get();
    }

    /** Copies that Lambda refused (throttled, not found, access denied, ...) or that failed to send. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One copy, started by {@link #send}. */
    public final class Copy {

        private final String shadowFunction;
        private final Future<DispatchOutcome> pending;
        private final long deadlineNanos;
        private final String droppedBecause;

        private Copy(
                String shadowFunction, Future<DispatchOutcome> pending, long deadlineNanos, String droppedBecause) {
            this.shadowFunction = shadowFunction;
            this.pending = pending;
            this.deadlineNanos = deadlineNanos;
            this.droppedBecause = droppedBecause;
        }

        /**
         * Waits for the copy until it is accepted or its budget is spent, whichever comes first; then nothing of it is
         * left running (a copy still in flight is cancelled, and its Event invoke is bounded by the same budget).
         * Counts and logs what became of it. Never throws.
         *
         * @return true when Lambda accepted the copy
         */
        public boolean finish() {
            if (droppedBecause != null) {
                return dropped(droppedBecause);
            }
            DispatchOutcome outcome;
            try {
                outcome = pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                return dropped(notAcceptedInTime());
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                return dropped("the router was interrupted");
            } catch (ExecutionException e) {
                failed.incrementAndGet();
                LOG.warn("mirror copy to {} failed", shadowFunction, e.getCause());
                return false;
            }
            if (outcome instanceof DispatchOutcome.Accepted) {
                sent.incrementAndGet();
                return true;
            }
            if (outcome instanceof DispatchOutcome.Failed f && f.failure() == DispatchOutcome.Failure.TIMEOUT) {
                return dropped(notAcceptedInTime());
            }
            failed.incrementAndGet();
            LOG.warn("mirror copy to {} not accepted: {}", shadowFunction, describe(outcome));
            return false;
        }

        private boolean dropped(String because) {
            dropped.incrementAndGet();
            LOG.warn("mirror copy to {} dropped: {}", shadowFunction, because);
            return false;
        }

        private String notAcceptedInTime() {
            return "not accepted within the " + budget.toMillis() + " ms mirror budget";
        }
    }

    private static String describe(DispatchOutcome outcome) {
        return outcome instanceof DispatchOutcome.Failed f
                ? f.failure() + " " + f.detail()
                : outcome.getClass().getSimpleName();
    }
}
