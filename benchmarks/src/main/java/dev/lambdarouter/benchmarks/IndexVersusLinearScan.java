package dev.lambdarouter.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link IndexVersusLinearScanBenchmark} (both benchmarks in one JMH run) and prints the ratio of the linear
 * scan's time per decision to the indexed decision's. JMH command-line options are passed through, e.g.
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
        double indexed = score(results, "indexedDecision");
        double linear = score(results, "linearScan");
        System.out.printf(
                "%nrouting decision on %,d routes, mean over %,d requests:%n"
                        + "  indexed (RoutingTable.route) %10.1f ns%n"
                        + "  linear scan                  %10.1f ns%n"
                        + "  ratio linear/indexed         %10.1f x%n",
                IndexVersusLinearScanBenchmark.ROUTES,
                IndexVersusLinearScanBenchmark.REQUESTS,
                indexed,
                linear,
                linear / indexed);
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + benchmark))
                .getPrimaryResult()
                .getScore();
    }
}
