package dev.lambdarouter.benchmarks.warm;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdarouter.benchmarks.lambda.BenchmarkEvents;
import dev.lambdarouter.benchmarks.lambda.LambdaJvm;
import dev.lambdarouter.benchmarks.lambda.LoopbackAws;
import dev.lambdarouter.benchmarks.lambda.ProbeContext;
import dev.lambdarouter.benchmarks.report.Percentiles;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Invocation;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.router.observability.RequestLog;
import dev.lambdarouter.router.observability.RequestOutcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Diagnostic: what one warm SDK Invoke costs depending on how the request is built, and what the router's
 * per-request logging costs, in a fresh JVM on the Lambda class path with the template's flags (C1), against the
 * loopback worker (which runs in this JVM, outside the measured one). Variants run round-robin in blocks of
 * {@value Probe#BLOCK} calls; for each: p50 CPU time of the calling thread per call, mean CPU time of the whole
 * other threads per call (the SDK's timer thread, GC, JIT: Lambda bills them too), p50 elapsed time. All SDK variants use
 * one client configured as the router's ({@link LambdaDispatcher#defaultClient()}), except: {@code call-timeout-*},
 * {@code attempt-timeout-*} and {@code router-request} use the router's retry strategy on the SDK's default timer,
 * {@code exec1-*} the same with a one-thread timer that drops cancelled timeouts, {@code client-timeout} a
 * client-level {@code apiCallTimeout}.
 *
 * <p>Run (after {@code scripts/warm-overhead} or an equivalent package build): {@code flock /work/wt/bench.lock java
 * -cp benchmarks/target/classes dev.lambdarouter.benchmarks.warm.SdkInvokeCost [warm-up rounds] [measured rounds]}
 */
public final class SdkInvokeCost {

    /** The variants, in the order they are printed (the probe checks that it runs exactly these). */
    static final List<String> NAMES = List.of(
            "bare",
            "bare_copied_payload",
            "bare_invocation_type",
            "call_timeout_lambda",
            "call_timeout_shared",
            "attempt_timeout_shared",
            "client_timeout",
            "exec1_call_timeout_shared",
            "exec1_call_timeout_lambda",
            "router_request",
            "router_dispatcher",
            "powertools_wrapper",
            "powertools_init_mdc_clear",
            "powertools_clear_state",
            "request_log_line");

    private SdkInvokeCost() {}

    public static void main(String[] args) throws Exception {
        String warmup = args.length > 0 ? args[0] : "500";
        String rounds = args.length > 1 ? args[1] : "500";
        try (LoopbackAws aws = LoopbackAws.start()) {
            LambdaJvm lambda = LambdaJvm.unpack(Path.of(".").toAbsolutePath().normalize(), aws.endpoint());
            Map<String, Long> figures =
                    lambda.run(LambdaJvm.TEMPLATE_FLAGS, Probe.class.getName(), Probe.MARKER, warmup, rounds);
            System.out.printf(
                    "SDK invoke variants, template flags (C1), %s warm-up + %s measured rounds of %d calls; µs%n",
                    warmup, rounds, Probe.BLOCK);
            System.out.printf(
                    "%-26s %12s %12s %12s %12s%n", "variant", "threadCPU50", "threadCPUavg", "othersCPUavg", "wall50");
            for (String variant : NAMES) {
                System.out.printf(
                        "%-26s %12.1f %12.1f %12.1f %12.1f%n",
                        variant.replace('_', '-'),
                        figures.get(variant + "_cpu50") / 1e3,
                        figures.get(variant + "_cpuavg") / 1e3,
                        figures.get(variant + "_others") / 1e3,
                        figures.get(variant + "_wall50") / 1e3);
            }
        }
    }

    /** Runs in the fresh JVM; prints one line of figures starting with {@link #MARKER}. */
    public static final class Probe {

        static final String MARKER = "sdk_invoke_cost ";
        static final int BLOCK = 20;

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final Duration TIMEOUT = Duration.ofSeconds(29);

        private Probe() {}

        public static void main(String[] args) {
            int warmup = Integer.parseInt(args[0]);
            int rounds = Integer.parseInt(args[1]);
            LambdaClient client = LambdaDispatcher.defaultClient();
            LambdaClientBuilder withCallTimeout = LambdaDispatcher.withRouterRetries(LambdaClient.builder())
                    .httpClientBuilder(UrlConnectionHttpClient.builder());
            LambdaClient clientTimeout = withCallTimeout
                    .overrideConfiguration(withCallTimeout.overrideConfiguration().toBuilder()
                            .apiCallTimeout(TIMEOUT)
                            .build())
                    .build();
            // The SDK's documented hook for its timer: one daemon thread, cancelled timeouts leave the queue at once.
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "probe-sdk-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            LambdaClientBuilder withTimer = LambdaDispatcher.withRouterRetries(LambdaClient.builder())
                    .httpClientBuilder(UrlConnectionHttpClient.builder());
            LambdaClient exec1 = withTimer
                    .overrideConfiguration(withTimer.overrideConfiguration().toBuilder()
                            .scheduledExecutorService(timer)
                            .build())
                    .build();
            AwsRequestOverrideConfiguration callTimeout = AwsRequestOverrideConfiguration.builder()
                    .apiCallTimeout(TIMEOUT)
                    .build();
            AwsRequestOverrideConfiguration attemptTimeout = AwsRequestOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(TIMEOUT)
                    .build();
            // The router's retry strategy on the SDK's own timer (what the router used before it had its own).
            LambdaClient sdkTimer = LambdaDispatcher.withRouterRetries(LambdaClient.builder())
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            LambdaDispatcher dispatcher = new LambdaDispatcher(client);
            byte[] event = BenchmarkEvents.ALB_EVENT;
            Context context = new ProbeContext();
            RequestOutcome outcome = new RequestOutcome(
                    "1-abc-def",
                    "GET",
                    "/orders/42",
                    "orders",
                    "orders-v1",
                    "sync",
                    200,
                    2,
                    "req-1",
                    null,
                    1,
                    false,
                    "weighted",
                    null);
            Map<String, Runnable> variants = new LinkedHashMap<>();
            variants.put(
                    "bare",
                    () -> check(sdkTimer.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .build())));
            variants.put(
                    "bare_copied_payload",
                    () -> check(sdkTimer.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArray(event))
                            .build())));
            variants.put(
                    "bare_invocation_type",
                    () -> check(sdkTimer.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .invocationType(InvocationType.REQUEST_RESPONSE)
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .build())));
            variants.put(
                    "call_timeout_lambda",
                    () -> check(sdkTimer.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT))
                            .build())));
            variants.put(
                    "call_timeout_shared",
                    () -> check(client.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .overrideConfiguration(callTimeout)
                            .build())));
            variants.put(
                    "attempt_timeout_shared",
                    () -> check(client.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .overrideConfiguration(attemptTimeout)
                            .build())));
            variants.put(
                    "client_timeout",
                    () -> check(clientTimeout.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .build())));
            variants.put(
                    "exec1_call_timeout_shared",
                    () -> check(exec1.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .overrideConfiguration(callTimeout)
                            .build())));
            variants.put(
                    "exec1_call_timeout_lambda",
                    () -> check(exec1.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT))
                            .build())));
            variants.put(
                    "router_request",
                    () -> check(client.invoke(InvokeRequest.builder()
                            .functionName("orders-v1")
                            .invocationType(InvocationType.REQUEST_RESPONSE)
                            .payload(SdkBytes.fromByteArrayUnsafe(event))
                            .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT))
                            .build())));
            variants.put("router_dispatcher", () -> {
                DispatchOutcome result =
                        dispatcher.dispatch(new Invocation("orders-v1", DispatchMode.SYNC, event, TIMEOUT));
                if (!(result instanceof DispatchOutcome.Responded)) {
                    throw new IllegalStateException(result.toString());
                }
            });
            variants.put("powertools_wrapper", () -> PowertoolsLogging.withLogging(context, () -> null));
            variants.put("powertools_init_mdc_clear", () -> {
                PowertoolsLogging.initializeLogging(context);
                org.slf4j.MDC.clear();
            });
            variants.put("powertools_clear_state", () -> PowertoolsLogging.clearState(true));
            variants.put("request_log_line", () -> {
                RequestLog.JSON.begin("Root=1-5759e988-bd862e3fe1be46a994272793");
                RequestLog.JSON.completed(outcome);
            });
            if (!variants.keySet().equals(new java.util.LinkedHashSet<>(NAMES))) {
                throw new AssertionError(variants.keySet());
            }
            int n = variants.size();
            long[][] cpu = new long[n][rounds * BLOCK];
            long[][] wall = new long[n][rounds * BLOCK];
            long[] othersCpu = new long[n];
            long[] threadCpu = new long[n];
            Runnable[] calls = variants.values().toArray(Runnable[]::new);
            for (int r = 0; r < warmup; r++) {
                for (Runnable call : calls) {
                    for (int i = 0; i < BLOCK; i++) {
                        call.run();
                    }
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < n; k++) {
                    int v = (k + r) % n; // rotate the order, so no variant always follows the same one
                    long othersBefore = otherThreadsCpu();
                    long threadBefore = THREADS.getCurrentThreadCpuTime();
                    for (int i = 0; i < BLOCK; i++) {
                        long c = THREADS.getCurrentThreadCpuTime();
                        long t = System.nanoTime();
                        calls[v].run();
                        wall[v][r * BLOCK + i] = System.nanoTime() - t;
                        cpu[v][r * BLOCK + i] = THREADS.getCurrentThreadCpuTime() - c;
                    }
                    threadCpu[v] += THREADS.getCurrentThreadCpuTime() - threadBefore;
                    othersCpu[v] += otherThreadsCpu() - othersBefore;
                }
            }
            StringBuilder line = new StringBuilder(MARKER);
            long calls1 = (long) rounds * BLOCK;
            for (int v = 0; v < n; v++) {
                String name = NAMES.get(v);
                line.append(name)
                        .append("_cpu50=")
                        .append(Percentiles.of(cpu[v], 50))
                        .append(' ');
                line.append(name)
                        .append("_cpuavg=")
                        .append(threadCpu[v] / calls1)
                        .append(' ');
                line.append(name)
                        .append("_others=")
                        .append(othersCpu[v] / calls1)
                        .append(' ');
                line.append(name)
                        .append("_wall50=")
                        .append(Percentiles.of(wall[v], 50))
                        .append(' ');
            }
            System.out.println(line);
            System.exit(0);
        }

        /**
         * CPU time of every other live thread of this JVM (the SDK's timer threads, GC, JIT compiler), read per
         * thread in nanoseconds: the process total's resolution is too coarse for a block of calls.
         */
        private static long otherThreadsCpu() {
            long self = Thread.currentThread().getId();
            long sum = 0;
            for (long id : THREADS.getAllThreadIds()) {
                long cpu = id == self ? -1 : THREADS.getThreadCpuTime(id);
                if (cpu > 0) {
                    sum += cpu;
                }
            }
            return sum;
        }

        private static void check(InvokeResponse response) {
            if (response.statusCode() != 200 || response.payload().asByteArrayUnsafe().length == 0) {
                throw new IllegalStateException("unexpected answer " + response);
            }
        }
    }
}
