package dev.lambdarouter.localstack.lambda;

import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.FunctionSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The execution environments of one function. An invocation takes a warm idle environment (most recently used
 * first) or starts a new one (a cold start, logged with its init duration); an environment serves one invocation at
 * a time and goes back to the pool afterwards, unless it timed out or crashed.
 *
 * <p>Concurrency: more concurrent invocations than {@code ReservedConcurrentExecutions} are throttled at once, as in
 * Lambda. Beyond that, the stack runs at most {@code maxEnvironments} JVMs per function (a laptop is not a region):
 * an invocation that finds them all busy waits for one, up to the function's timeout, and is then throttled.
 */
final class FunctionPool implements AutoCloseable {

    private final FunctionSpec spec;
    private final Map<String, String> environment;
    private final List<Path> classPath;
    private final Duration minInitLimit;
    private final ConsoleLog console;
    private final int maxEnvironments;
    private final Semaphore reserved;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final Set<ExecutionEnvironment> all = new HashSet<>();
    /** JVMs launched but not yet ready (or not yet in {@link #all}): {@link #close()} must destroy them too. */
    private final Set<Process> starting = new HashSet<>();

    private int live;
    private int nextNumber = 1;
    private boolean closed;

    FunctionPool(
            FunctionSpec spec,
            Map<String, String> environment,
            List<Path> classPath,
            Duration minInitLimit,
            ConsoleLog console,
            int maxEnvironments) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.classPath = List.copyOf(classPath);
        this.minInitLimit = minInitLimit;
        this.console = console;
        this.maxEnvironments = maxEnvironments;
        this.reserved = spec.reservedConcurrency() == null ? null : new Semaphore(spec.reservedConcurrency());
    }

    FunctionSpec spec() {
        return spec;
    }

    /** Runs one invocation synchronously. */
    InvocationResult invoke(String requestId, String invokedArn, byte[] payload) throws ThrottledException {
        if (reserved != null && !reserved.tryAcquire()) {
            throw new ThrottledException(ThrottledException.RESERVED_LIMIT, "Rate Exceeded.");
        }
        try {
            ExecutionEnvironment env = takeIdleOrReserveSlot();
            if (env == null) {
                try {
                    env = startEnvironment();
                } catch (EnvironmentStartException e) {
                    console.line(spec.functionName(), e.getMessage());
                    return InvocationResult.failure(requestId, e.errorDocument);
                }
            }
            long started = System.nanoTime();
            InvocationResult result =
                    env.invoke(requestId, invokedArn, payload, Duration.ofSeconds(spec.timeoutSeconds()));
            report(env, result, System.nanoTime() - started);
            giveBack(env);
            return result;
        } finally {
            if (reserved != null) {
                reserved.release();
            }
        }
    }

    /** A warm environment, or {@code null} when the caller may start a new one (its slot is then reserved). */
    private ExecutionEnvironment takeIdleOrReserveSlot() throws ThrottledException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(spec.timeoutSeconds());
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new ThrottledException(ThrottledException.CONCURRENCY_LIMIT, "The local stack is stopping.");
                }
                ExecutionEnvironment warm = idle.pollFirst();
                if (warm != null) {
                    if (warm.usable()) {
                        return warm;
                    }
                    discard(warm);
                    continue;
                }
                if (live < maxEnvironments) {
                    live++;
                    return null;
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    throw new ThrottledException(ThrottledException.CONCURRENCY_LIMIT, "Rate Exceeded.");
                }
                freed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThrottledException(ThrottledException.CONCURRENCY_LIMIT, "Interrupted.");
        } finally {
            lock.unlock();
        }
    }

    private ExecutionEnvironment startEnvironment() throws EnvironmentStartException {
        int number;
        lock.lock();
        try {
            number = nextNumber++;
        } finally {
            lock.unlock();
        }
        console.line(
                spec.functionName() + "/env-" + number, "INIT_START cold start: starting a JVM for " + spec.handler());
        ExecutionEnvironment env;
        try {
            env = ExecutionEnvironment.start(
                    spec, number, environment, classPath, minInitLimit, console, this::launched);
        } catch (EnvironmentStartException e) {
            releaseSlot();
            throw e;
        } catch (IOException | RuntimeException e) {
            releaseSlot();
            throw new EnvironmentStartException(
                    "Runtime.Unknown",
                    "cannot start an execution environment: " + e.getMessage(),
                    spec.functionName() + ": cannot start an execution environment: " + e);
        }
        console.line(
                env.label(),
                String.format(
                        Locale.ROOT,
                        "INIT_REPORT Init Duration: %.2f ms (cold start: JVM start %.2f ms, handler init %.2f ms)",
                        millis(env.initDuration()),
                        millis(env.initDuration().minus(env.handlerInitDuration())),
                        millis(env.handlerInitDuration())));
        lock.lock();
        try {
            starting.remove(env.process());
            if (closed) {
                env.close();
                live--;
                throw new EnvironmentStartException("Runtime.Unknown", "the local stack is stopping", "stopping");
            }
            all.add(env);
        } finally {
            lock.unlock();
        }
        return env;
    }

    /** Tracks a JVM that is starting; one launched after {@link #close()} is destroyed at once. */
    private void launched(Process process) {
        lock.lock();
        try {
            starting.removeIf(p -> !p.isAlive());
            if (closed) {
                process.destroyForcibly();
            } else {
                starting.add(process);
            }
        } finally {
            lock.unlock();
        }
    }

    private void report(ExecutionEnvironment env, InvocationResult result, long nanos) {
        if (result.timedOut()) {
            console.line(env.label(), new String(result.payload(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (spec.logging().platformReports()) {
            double ms = nanos / 1_000_000.0;
            console.line(
                    env.label(),
                    String.format(
                            Locale.ROOT,
                            "REPORT RequestId: %s Duration: %.2f ms Billed Duration: %d ms Memory Size: %d MB%s",
                            result.requestId(),
                            ms,
                            (long) Math.ceil(ms),
                            spec.memoryMb(),
                            result.failed() ? " Status: error (" + result.errorType() + ")" : ""));
        }
    }

    private void giveBack(ExecutionEnvironment env) {
        lock.lock();
        try {
            if (env.usable() && !closed) {
                idle.addFirst(env);
            } else {
                discard(env);
            }
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: forget an environment and free its slot. */
    private void discard(ExecutionEnvironment env) {
        env.close();
        all.remove(env);
        live--;
        freed.signal();
    }

    private void releaseSlot() {
        lock.lock();
        try {
            live--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> environments;
        List<Process> launching;
        lock.lock();
        try {
            closed = true;
            environments = new ArrayList<>(all);
            launching = new ArrayList<>(starting);
            starting.clear();
            all.clear();
            idle.clear();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        // A starting environment's thread may wait for its JVM for a long time yet: destroy the JVM now.
        launching.forEach(ExecutionEnvironment::kill);
        environments.forEach(ExecutionEnvironment::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        environments.forEach(env -> env.awaitExit(deadline));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
