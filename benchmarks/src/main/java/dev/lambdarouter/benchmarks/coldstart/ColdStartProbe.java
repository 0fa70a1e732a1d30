package dev.lambdarouter.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdarouter.benchmarks.lambda.BenchmarkEvents;
import dev.lambdarouter.benchmarks.lambda.ProbeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.crac.Resource;

/**
 * Runs in a fresh JVM started by {@link ColdStartHarness}, on the class path Lambda would build: loads the handler
 * class by name and constructs it as the runtime does (the init phase), optionally primes it as before a SnapStart
 * snapshot ({@code beforeCheckpoint}, {@code afterRestore}), then handles two requests. Prints one line of timings.
 *
 * <p>Arguments: the handler class ({@code dev.lambdarouter.router.RouterHandler} or
 * {@link dev.lambdarouter.benchmarks.lambda.BareInvokeHandler}), then {@code plain} or {@code primed}.
 */
public final class ColdStartProbe {

    static final String MARKER = "jvm_to_main_ms=";

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        boolean primed = args.length > 1 && args[1].equals("primed");
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long initStart = System.currentTimeMillis();
        RequestStreamHandler handler = Class.forName(handlerClass)
                .asSubclass(RequestStreamHandler.class)
                .getDeclaredConstructor()
                .newInstance();
        long initEnd = System.currentTimeMillis();
        long primeMs = 0;
        long primeCpu = 0;
        if (primed) {
            Resource resource = (Resource) handler;
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            resource.beforeCheckpoint(null);
            resource.afterRestore(null);
            primeCpu = processCpuNanos() - cpu;
            primeMs = (System.nanoTime() - t) / 1_000_000;
        }
        long first = time(handler);
        long cpuToFirstAnswer = (processCpuNanos() - primeCpu) / 1_000_000;
        long second = time(handler);
        System.out.printf(
                MARKER
                        + "%d init_ms=%d prime_ms=%d first_request_ms=%d second_request_ms=%d cpu_to_first_answer_ms=%d%n",
                initStart - jvmStart,
                initEnd - initStart,
                primeMs,
                first,
                second,
                cpuToFirstAnswer);
        System.exit(0);
    }

    /**
     * CPU time of this process so far, all threads (JIT compilers and GC included): unlike elapsed time, it barely
     * changes when other processes load the machine.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long time(RequestStreamHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long t = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(BenchmarkEvents.ALB_EVENT), out, new ProbeContext());
        long ms = (System.nanoTime() - t) / 1_000_000;
        if (!BenchmarkEvents.isOk(out.toByteArray())) {
            throw new IllegalStateException("unexpected answer: " + out.toString(StandardCharsets.UTF_8));
        }
        return ms;
    }
}
