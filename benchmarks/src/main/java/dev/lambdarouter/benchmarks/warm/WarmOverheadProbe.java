package dev.lambdarouter.benchmarks.warm;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdarouter.benchmarks.lambda.BareInvokeHandler;
import dev.lambdarouter.benchmarks.lambda.BenchmarkEvents;
import dev.lambdarouter.benchmarks.lambda.ProbeContext;
import dev.lambdarouter.benchmarks.report.Percentiles;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a fresh JVM started by {@link WarmOverheadHarness}: the production {@link RouterHandler} (the template's
 * environment, SDK clients from the default chains) and a {@link BareInvokeHandler} whose client is the router's own
 * configuration ({@link LambdaDispatcher#defaultClient}) handle the same 1 KB ALB event, interleaved (router first
 * on even iterations, bare first on odd ones), against the same loopback worker. After {@code warmup} pairs,
 * {@code iterations} pairs are timed; prints one line of p50/p99 in nanoseconds, and the median of the per-pair
 * differences.
 *
 * <p>Arguments: warm-up pairs, measured pairs.
 */
public final class WarmOverheadProbe {

    static final String MARKER = "routed_p50_ns=";

    /**
     * CPU time of the calling thread: the SDK's URL-connection client does its work on it, so this is the request's
     * own CPU (the worker runs in the harness JVM), and unlike elapsed time it barely changes when other processes
     * load the machine.
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WarmOverheadProbe() {}

    public static void main(String[] args) throws IOException {
        int warmup = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        RequestStreamHandler router = new RouterHandler();
        RequestStreamHandler bare = new BareInvokeHandler(LambdaDispatcher.defaultClient());
        awaitRoutingTable(router);
        for (int i = 0; i < warmup; i++) {
            time(router);
            time(bare);
        }
        long[] routed = new long[iterations];
        long[] direct = new long[iterations];
        long[] differences = new long[iterations];
        long[] routedCpu = new long[iterations];
        long[] directCpu = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            if (i % 2 == 0) {
                long cpu = THREADS.getCurrentThreadCpuTime();
                routed[i] = time(router);
                long between = THREADS.getCurrentThreadCpuTime();
                direct[i] = time(bare);
                routedCpu[i] = between - cpu;
                directCpu[i] = THREADS.getCurrentThreadCpuTime() - between;
            } else {
                long cpu = THREADS.getCurrentThreadCpuTime();
                direct[i] = time(bare);
                long between = THREADS.getCurrentThreadCpuTime();
                routed[i] = time(router);
                directCpu[i] = between - cpu;
                routedCpu[i] = THREADS.getCurrentThreadCpuTime() - between;
            }
            differences[i] = routed[i] - direct[i];
        }
        System.out.printf(
                MARKER + "%d routed_p99_ns=%d bare_p50_ns=%d bare_p99_ns=%d paired_difference_p50_ns=%d"
                        + " routed_cpu_p50_ns=%d bare_cpu_p50_ns=%d%n",
                Percentiles.of(routed, 50),
                Percentiles.of(routed, 99),
                Percentiles.of(direct, 50),
                Percentiles.of(direct, 99),
                Percentiles.of(differences, 50),
                Percentiles.of(routedCpu, 50),
                Percentiles.of(directCpu, 50));
        System.exit(0);
    }

    /**
     * Sends requests until one is routed: the first ones may find no routing table yet when the first load from the
     * stub outlasts the router's bounded wait (a loaded machine). Cold start is not what this probe measures.
     */
    private static void awaitRoutingTable(RequestStreamHandler router) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!BenchmarkEvents.isOk(handle(router))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the router found no routing table within a minute");
            }
        }
    }

    private static byte[] handle(RequestStreamHandler handler) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2_048);
        handler.handleRequest(new ByteArrayInputStream(BenchmarkEvents.ALB_EVENT), out, new ProbeContext());
        return out.toByteArray();
    }

    private static long time(RequestStreamHandler handler) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2_048);
        long start = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(BenchmarkEvents.ALB_EVENT), out, new ProbeContext());
        long elapsed = System.nanoTime() - start;
        if (!BenchmarkEvents.isOk(out.toByteArray())) {
            throw new IllegalStateException("unexpected answer: " + out.toString(StandardCharsets.UTF_8));
        }
        return elapsed;
    }
}
