package dev.lambdarouter.benchmarks.warm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a warm request's time and allocations go, from a JFR recording of {@link WarmRequestBenchmark}'s
 * {@code routedRequest} (JMH {@code -prof jfr}): each CPU sample ({@code jdk.ExecutionSample}) and allocation sample
 * ({@code jdk.ObjectAllocationSample}, weighted by its bytes) of the benchmark thread is charged to the innermost
 * stage on its stack, walking from the leaf frame (samples outside a request, e.g. JMH's own work between
 * iterations, are left out): a sample inside Jackson under the worker-event builder is the
 * worker event's, one inside the SDK under the dispatcher is the SDK call's. Prints both shares per stage and, given
 * the bytes allocated per request ({@code -prof gc}'s {@code gc.alloc.rate.norm}), each stage's share of them.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.lambdarouter.benchmarks.warm.WarmProfileReport
 * <recording.jfr> [bytes allocated per request]}
 */
public final class WarmProfileReport {

    /** Class-name prefixes and the stage they belong to, most specific first. */
    private static final List<Map.Entry<String, String>> STAGES = List.of(
            Map.entry("dev.lambdarouter.tracing", "tracing (OpenTelemetry)"),
            Map.entry("dev.lambdarouter.router.observability.OpenTelemetryTracer", "tracing (OpenTelemetry)"),
            Map.entry("dev.lambdarouter.router.observability.SdkCallTracing", "tracing (OpenTelemetry)"),
            Map.entry("io.opentelemetry", "tracing (OpenTelemetry)"),
            Map.entry("dev.lambdarouter.router.observability.EmfMetrics", "metrics (EMF record)"),
            Map.entry("dev.lambdarouter.router.observability.RequestLog", "request log line"),
            Map.entry("dev.lambdarouter.router.alb.AlbRequestDecoder", "decode ALB event"),
            Map.entry("dev.lambdarouter.router.alb.WorkerEventBuilder", "worker event build"),
            Map.entry("dev.lambdarouter.router.alb.WorkerResponseReader", "answer check"),
            Map.entry("dev.lambdarouter.router.dispatch.WorkerAnswers", "answer check"),
            Map.entry("dev.lambdarouter.router.dispatch.AnswerCheckStep", "answer check"),
            Map.entry("dev.lambdarouter.router.alb.AlbResponseEncoder", "encode ALB answer"),
            Map.entry("dev.lambdarouter.router.dispatch.LambdaDispatcher", "SDK invoke (bare does it too)"),
            Map.entry("software.amazon.awssdk", "SDK invoke (bare does it too)"),
            Map.entry("io.github.resilience4j", "circuit breakers"),
            Map.entry("dev.lambdarouter.router.dispatch.TargetCircuitBreakers", "circuit breakers"),
            Map.entry("dev.lambdarouter.engine", "routing decision"),
            Map.entry("dev.lambdarouter.router.config", "routing table cache"),
            Map.entry("dev.lambdarouter.router.dispatch", "dispatch pipeline (rest)"),
            Map.entry("software.amazon.lambda.powertools.logging", "Powertools logging wrapper (MDC)"),
            Map.entry("dev.lambdarouter.router.RouterHandler", "handler (read event, write answer)"),
            Map.entry("dev.lambdarouter.benchmarks.lambda.BareInvokeHandler", "handler (read event, write answer)"),
            Map.entry("dev.lambdarouter.router", "router (rest)"));

    private static final String OTHER = "benchmark harness / other";

    /** Only samples taken inside a request count; JMH's own work between iterations does not. */
    private static final String REQUEST_FRAME = "dev.lambdarouter.benchmarks.warm.WarmRequestBenchmark";

    private WarmProfileReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WarmProfileReport <recording.jfr> [bytes allocated per request]");
            System.exit(2);
        }
        double bytesPerRequest = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        Map<String, long[]> byStage = new LinkedHashMap<>();
        STAGES.forEach(stage -> byStage.putIfAbsent(stage.getValue(), new long[2]));
        byStage.put(OTHER, new long[2]);
        long cpuSamples = 0;
        long allocatedBytes = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                boolean cpu = type.equals("jdk.ExecutionSample");
                boolean allocation = type.equals("jdk.ObjectAllocationSample");
                if ((!cpu && !allocation) || !onBenchmarkThread(event, cpu) || !inRequest(event.getStackTrace())) {
                    continue;
                }
                long[] totals = byStage.get(stage(event.getStackTrace()));
                if (cpu) {
                    totals[0]++;
                    cpuSamples++;
                } else {
                    long weight = event.getLong("weight");
                    totals[1] += weight;
                    allocatedBytes += weight;
                }
            }
        }
        System.out.printf("%-40s %8s %10s %12s%n", "stage (innermost on the stack)", "CPU %", "alloc %", "KB/request");
        for (Map.Entry<String, long[]> stage : byStage.entrySet()) {
            long[] totals = stage.getValue();
            if (totals[0] == 0 && totals[1] == 0) {
                continue;
            }
            double allocationShare = percent(totals[1], allocatedBytes);
            System.out.printf(
                    "%-40s %7.1f%% %9.1f%% %12s%n",
                    stage.getKey(),
                    percent(totals[0], cpuSamples),
                    allocationShare,
                    bytesPerRequest > 0 ? String.format("%.1f", allocationShare / 100 * bytesPerRequest / 1024) : "-");
        }
        System.out.printf(
                "(%,d CPU samples, %,d MB of sampled allocation weight on the benchmark thread)%n",
                cpuSamples, allocatedBytes >> 20);
    }

    private static boolean onBenchmarkThread(RecordedEvent event, boolean cpu) {
        RecordedThread thread = event.getThread(cpu ? "sampledThread" : "eventThread");
        return thread != null
                && thread.getJavaName() != null
                && thread.getJavaName().contains("jmh-worker");
    }

    private static boolean inRequest(RecordedStackTrace stack) {
        return stack != null
                && stack.getFrames().stream()
                        .anyMatch(frame -> frame.getMethod().getType().getName().equals(REQUEST_FRAME));
    }

    private static String stage(RecordedStackTrace stack) {
        if (stack == null) {
            return OTHER;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> stage : STAGES) {
                if (type.startsWith(stage.getKey())) {
                    return stage.getValue();
                }
            }
        }
        return OTHER;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
