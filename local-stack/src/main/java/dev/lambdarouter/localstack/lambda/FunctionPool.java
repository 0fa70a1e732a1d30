package dev.lambdarouter.localstack.lambda;

import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The execution environments of one function. An invocation takes a warm idle environment (most recently used
 * first) or starts a new one (a cold start); an environment serves one invocation at a time and goes back to the pool
 * afterwards, unless it timed out or crashed.
 *
 * <p>Concurrency: more concurrent invocations than {@code ReservedConcurrentExecutions} are throttled at once, as in
 * Lambda. Beyond that, the stack runs at most {@code maxEnvironments} JVMs per function (a laptop is not a region):
 * an invocation that finds them all busy waits for one, up to the function's timeout, and is then throttled. A new
 * JVM starts only when no idle one is left, so busy invocations bound the JVMs.
 */
final class FunctionPool implements AutoCloseable {

    private final FunctionSpec spec;
    private final Map<String, String> environment;
    private final List<Path> classPath;
    private final Duration minInitLimit;
    private final ConsoleLog console;
    private final Semaphore reserved;
    private final Semaphore slots;
    private final Deque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final Set<ExecutionEnvironment> all = ConcurrentHashMap.newKeySet();
    /** JVMs launched but not yet ready: {@link #close()} must destroy them too. */
    private final Set<Process> starting = ConcurrentHashMap.newKeySet();

    private final AtomicInteger nextNumber = new AtomicInteger(1);
    private volatile boolean closed;

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
        this.slots = new Semaphore(maxEnvironments, true);
        this.reserved = spec.reservedConcurrency() == null ? null : new Semaphore(spec.reservedConcurrency());
    }

    FunctionSpec spec() {
        return spec;
    }

    InvocationResult invoke(String requestId, String invokedArn, byte[] payload) throws ThrottledException {
        if (reserved != null && !reserved.tryAcquire()) {
            throw new ThrottledException(ThrottledException.RESERVED_LIMIT, "Rate Exceeded.");
        }
        try {
            acquireSlot();
            try {
                ExecutionEnvironment env = idle.pollFirst();
                while (env != null && !env.usable()) {
                    discard(env);
                    env = idle.pollFirst();
                }
                if (env == null) {
                    try {
                        env = startEnvironment();
                    } catch (ExecutionEnvironment.StartFailure e) {
                        console.line(spec.functionName(), e.getMessage());
                        return InvocationResult.failure(requestId, e.errorDocument);
                    }
                }
                long started = System.nanoTime();
                InvocationResult result =
                        env.invoke(requestId, invokedArn, payload, Duration.ofSeconds(spec.timeoutSeconds()));
                report(env, result, System.nanoTime() - started);
                if (env.usable() && !closed) {
                    idle.addFirst(env);
                } else {
                    discard(env);
                }
                return result;
            } finally {
                slots.release();
            }
        } finally {
            if (reserved != null) {
                reserved.release();
            }
        }
    }

    private void acquireSlot() throws ThrottledException {
        try {
            if (!closed && slots.tryAcquire(spec.timeoutSeconds(), TimeUnit.SECONDS)) {
                if (!closed) {
                    return;
                }
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThrottledException(ThrottledException.CONCURRENCY_LIMIT, "Interrupted.");
        }
        throw new ThrottledException(
                ThrottledException.CONCURRENCY_LIMIT, closed ? "The local stack is stopping." : "Rate Exceeded.");
    }

    private ExecutionEnvironment startEnvironment() throws ExecutionEnvironment.StartFailure {
        ExecutionEnvironment env = ExecutionEnvironment.start(
                spec, nextNumber.getAndIncrement(), environment, classPath, minInitLimit, console, this::launched);
        starting.remove(env.process);
        all.add(env);
        if (closed) {
            discard(env);
            throw new ExecutionEnvironment.StartFailure("Runtime.Unknown", "the local stack is stopping", "stopping");
        }
        return env;
    }

    /** Tracks a JVM that is starting; one launched after {@link #close()} is destroyed at once. */
    private void launched(Process process) {
        starting.removeIf(p -> !p.isAlive());
        starting.add(process);
        if (closed) {
            process.destroyForcibly();
        }
    }

    private void report(ExecutionEnvironment env, InvocationResult result, long nanos) {
        if (result.timedOut()) {
            console.line(env.label, new String(result.payload(), StandardCharsets.UTF_8));
        }
        if (spec.logging().platformReports()) {
            double ms = nanos / 1_000_000.0;
            console.line(
                    env.label,
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

    private void discard(ExecutionEnvironment env) {
        env.close();
        all.remove(env);
    }

    @Override
    public void close() {
        closed = true;
        idle.clear();
        slots.release(Short.MAX_VALUE); // wakes every waiting invocation, which then sees the pool closed
        // A starting environment's thread may wait for its JVM for a long time yet: destroy the JVM now.
        starting.forEach(ExecutionEnvironment::kill);
        List<ExecutionEnvironment> environments = List.copyOf(all);
        environments.forEach(ExecutionEnvironment::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        environments.forEach(env -> env.awaitExit(deadline));
    }
}
