package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The routing decision ({@link RoutingTable#route}: indexed match plus target pick) next to a {@link LinearScan} of
 * the same compiled 1,000-route table ({@link RealisticRouteTable}), over the same requests: one written for each
 * route plus one that no route matches. One operation is one decision (the average over all those requests). The
 * linear scan only matches (no target pick), so the ratio is, if anything, in the scan's favour.
 * {@code IndexVersusLinearScan} runs both in one JMH run and prints the ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class IndexVersusLinearScanBenchmark {
    static final int ROUTES = 1_000;
    /** One request per route plus the unrouted one. */
    static final int REQUESTS = ROUTES + 1;

    private RoutingTable table;
    private LinearScan scan;
    private RoutingRequest[] requests;

    /** Per-thread random generator, as each router instance owns one. */
    @State(Scope.Thread)
    public static class Randomness {
        final SplittableRandom random = new SplittableRandom(20261123L);
    }

    @Setup
    public void compileTable() throws ConfigValidationException {
        RealisticRouteTable generated = new RealisticRouteTable(ROUTES);
        table = RoutingTable.compile("bench-" + ROUTES, generated.sources());
        scan = new LinearScan(table);
        requests = requests(generated).toArray(new RoutingRequest[0]);
        if (requests.length != REQUESTS) {
            throw new IllegalStateException("expected " + REQUESTS + " requests, got " + requests.length);
        }
    }

    /** The benchmark's requests: the one written for each route, then one that no route matches. */
    static List<RoutingRequest> requests(RealisticRouteTable generated) {
        List<RoutingRequest> all = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            all.add(generated.requestFor(i));
        }
        all.add(RealisticRouteTable.unroutedRequest());
        return all;
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void indexedDecision(Randomness randomness, Blackhole sink) {
        for (RoutingRequest request : requests) {
            Optional<RouteDecision> decision = table.route(request, randomness.random);
            sink.consume(decision);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void linearScan(Blackhole sink) {
        for (RoutingRequest request : requests) {
            Route winner = scan.firstMatch(request);
            sink.consume(winner);
        }
    }
}
