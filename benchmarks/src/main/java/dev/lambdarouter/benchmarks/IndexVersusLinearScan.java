package dev.lambdarouter.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link IndexVersusLinearScanBenchmark} (both benchmarks in one JMH run) and prints the ratio of the linear
 * scan's time per decision to the indexed decision's, per {@code requestKind} run ({@code all} unless
 * {@code -p requestKind=...} is passed). JMH command-line options are passed through, e.g.
 * {@code -f 1 -wi 2 -i 3 -w 1s -r 1s} for a short run, {@code -jvmArgsAppend -XX:TieredStopAtLevel=1}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lambdarouter.benchmarks.IndexVersusLinearScan}
 */
public final class IndexVersusLinearScan {

    private IndexVersusLinearScan() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(IndexVersusLinearScanBenchmark.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.printf(
                "%nrouting decision on %,d routes, mean time per request (ns):%n%-12s %12s %12s %8s%n",
                IndexVersusLinearScanBenchmark.ROUTES, "requests", "indexed", "linear scan", "ratio");
        Map<String, Map<String, Double>> byKind = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            byKind.computeIfAbsent(result.getParams().getParam("requestKind"), k -> new TreeMap<>())
                    .put(
                            benchmark.substring(benchmark.lastIndexOf('.') + 1),
                            result.getPrimaryResult().getScore());
        }
        byKind.forEach((kind, scores) -> {
            double indexed = scores.getOrDefault("indexedDecision", Double.NaN);
            double linear = scores.getOrDefault("linearScan", Double.NaN);
            System.out.printf("%-12s %12.1f %12.1f %7.1fx%n", kind, indexed, linear, linear / indexed);
        });
    }
}
