package dev.lambdarouter.benchmarks.warm;

import dev.lambdarouter.benchmarks.lambda.LambdaJvm;
import dev.lambdarouter.benchmarks.lambda.LoopbackAws;
import dev.lambdarouter.benchmarks.report.Percentiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm overhead of the router over a bare SDK invoke: fresh JVMs on the Lambda class path (router zip + layer), with
 * the template's flags ({@code -XX:TieredStopAtLevel=1}) and without them (full tiered compilation), each running
 * {@link WarmOverheadProbe}; the loopback worker ({@link LoopbackAws}) runs in this JVM, so its work is outside the
 * measured one and the same for both sides. Prints one table: per flag set, the median over the JVMs of each
 * JVM's p50 and p99 (microseconds) for the routed request and the bare invoke, and the differences.
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes dev.lambdarouter.benchmarks.warm.WarmOverheadHarness [runs]
 * [warm-up pairs] [measured pairs] [project root]}
 */
public final class WarmOverheadHarness {

    private WarmOverheadHarness() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path root = Path.of(args.length > 3 ? args[3] : ".").toAbsolutePath().normalize();
        Map<String, List<String>> flagSets = new LinkedHashMap<>();
        flagSets.put("template (C1 only)", LambdaJvm.TEMPLATE_FLAGS);
        flagSets.put("full tiered (C2)", List.of());
        try (LoopbackAws aws = LoopbackAws.start()) {
            LambdaJvm lambda = LambdaJvm.unpack(root, aws.endpoint());
            System.out.printf(
                    "warm overhead: 1 KB ALB request, router vs bare SDK invoke of the same loopback worker;"
                            + " %d JVMs per flag set, %,d warm-up + %,d measured pairs each; µs, median over JVMs%n",
                    runs, warmup, iterations);
            System.out.printf(
                    "%-20s %9s %9s %9s %9s %9s %9s %12s %9s %9s %9s%n",
                    "JVM flags",
                    "router50",
                    "bare50",
                    "diff50",
                    "router99",
                    "bare99",
                    "diff99",
                    "paired diff50",
                    "rCPU50",
                    "bCPU50",
                    "CPUdiff50");
            for (Map.Entry<String, List<String>> flags : flagSets.entrySet()) {
                List<Map<String, Long>> results = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    results.add(lambda.run(
                            flags.getValue(),
                            WarmOverheadProbe.class.getName(),
                            WarmOverheadProbe.MARKER,
                            Integer.toString(warmup),
                            Integer.toString(iterations)));
                }
                double routed50 = median(results, "routed_p50_ns");
                double bare50 = median(results, "bare_p50_ns");
                double routed99 = median(results, "routed_p99_ns");
                double bare99 = median(results, "bare_p99_ns");
                double routedCpu = median(results, "routed_cpu_p50_ns");
                double bareCpu = median(results, "bare_cpu_p50_ns");
                System.out.printf(
                        "%-20s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %12.1f %9.1f %9.1f %9.1f%n",
                        flags.getKey(),
                        routed50,
                        bare50,
                        routed50 - bare50,
                        routed99,
                        bare99,
                        routed99 - bare99,
                        median(results, "paired_difference_p50_ns"),
                        routedCpu,
                        bareCpu,
                        routedCpu - bareCpu);
            }
        }
    }

    /** The median over the JVMs of one figure, in microseconds. */
    private static double median(List<Map<String, Long>> results, String key) {
        return Percentiles.of(results.stream().map(r -> r.get(key)).toList(), 50) / 1_000.0;
    }
}
