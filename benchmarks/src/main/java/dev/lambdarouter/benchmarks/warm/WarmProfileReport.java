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
 * stage on its stack, walking from the leaf frame: a sample inside Jackson under the worker-event builder is the
 * worker event's, one inside the SDK under the dispatcher is the SDK call's. Prints both shares per stage.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.lambdarouter.benchmarks.warm.WarmProfileReport
 * <recording.jfr>}
 */
public final class WarmProfileReport {

    /** Class-name prefixes and the stage they belong to, most specific first. */
    private static final List<Map.Entry<String, String>> STAGES = List.of(
            Map.entry("com.amazonaws.xray", "tracing (X-Ray SDK, interceptor)"),
            Map.entry("dev.lambdarouter.router.observability.XRayDispatchTracer", "tracing (X-Ray SDK, interceptor)"),
            Map.entry("io.opentelemetry", "tracing (OpenTelemetry)"),
            Map.entry("software.amazon.lambda.powertools.metrics", "metrics (EMF record)"),
            Map.entry("dev.lambdarouter.router.observability.PowertoolsMetrics", "metrics (EMF record)"),
            Map.entry("dev.lambdarouter.router.observability.RequestLog", "request log line"),
            Map.entry("dev.lambdarouter.router.alb.AlbRequestDecoder", "decode ALB event"),
            Map.entry("dev.lambdarouter.router.alb.WorkerEventBuilder", "worker event build"),
            Map.entry("dev.lambdarouter.router.alb.WorkerResponseReader", "answer check"),
            Map.entry("dev.lambdarouter.router.dispatch.WorkerAnswers", "answer check"),
            Map.entry("dev.lambdarouter.router.dispatch.AnswerCheckStep", "answer check"),
            Map.entry("dev.lambdarouter.router.alb.AlbResponseEncoder", "encode ALB answer"),
            Map.entry("dev.lambdarouter.router.dispatch.LambdaDispatcher", "SDK invoke (bare does it too)"),
            Map.entry("io.github.resilience4j", "circuit breakers"),
            Map.entry("dev.lambdarouter.router.dispatch.TargetCircuitBreakers", "circuit breakers"),
            Map.entry("dev.lambdarouter.engine", "routing decision"),
            Map.entry("dev.lambdarouter.router.config", "routing table cache"),
            Map.entry("dev.lambdarouter.router.dispatch", "dispatch pipeline (rest)"),
            Map.entry("software.amazon.lambda.powertools.logging", "Powertools logging wrapper (MDC)"),
            Map.entry("dev.lambdarouter.router.RouterHandler", "handler (read event, write answer)"),
            Map.entry("dev.lambdarouter.router", "router (rest)"));

    private static final String OTHER = "benchmark harness / other";

    private WarmProfileReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WarmProfileReport <recording.jfr>");
            System.exit(2);
        }
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
                if ((!cpu && !allocation) || !onBenchmarkThread(event, cpu)) {
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
        System.out.printf("%-40s %8s %10s%n", "stage (innermost on the stack)", "CPU %", "alloc %");
        for (Map.Entry<String, long[]> stage : byStage.entrySet()) {
            long[] totals = stage.getValue();
            if (totals[0] == 0 && totals[1] == 0) {
                continue;
            }
            System.out.printf(
                    "%-40s %7.1f%% %9.1f%%%n",
                    stage.getKey(), percent(totals[0], cpuSamples), percent(totals[1], allocatedBytes));
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
