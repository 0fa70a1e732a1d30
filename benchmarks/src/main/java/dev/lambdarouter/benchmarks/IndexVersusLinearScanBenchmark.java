package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.dispatch.TargetCircuitBreakers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The routing decision ({@link RoutingTable#route}: indexed match plus target pick) next to a {@link LinearScan} of
 * the same compiled 1,000-route table ({@link RealisticRouteTable}), over the same requests: one written for each
 * route plus one that no route matches. Both decide the same way once they found the route ({@link
 * dev.lambdarouter.engine.Route#decide}), with the router's circuit-breaker filter, so the ratio is the index's
 * gain. One operation is one decision (the average over all those requests).
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

    /**
     * {@code all}: every request; {@code 0}..{@code 9}: only the requests for one kind of route of
     * {@link RealisticRouteTable} (0 weighted default, 1 sticky order template, 2 header canary, 3 wildcard-host
     * tenant, 4 static glob, 5 fixed-response health, 6 any-host mobile/tenant, 7 cookie-sticky template, 8 admin
     * method + CIDR, 9 async by query), to see which kinds cost what: {@code -p requestKind=0,1,2,3,4,5,6,7,8,9}.
     * One operation stays one decision.
     */
    @Param({"all"})
    public String requestKind;

    private RoutingTable table;
    private LinearScan scan;
    private RoutingRequest[] requests;
    /** As the router decides: targets filtered by its circuit breakers (all closed). */
    private final Predicate<String> available = TargetCircuitBreakers.withDefaults()::isAvailable;

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
        List<RoutingRequest> all = requests(generated);
        if (all.size() != REQUESTS) {
            throw new IllegalStateException("expected " + REQUESTS + " requests, got " + all.size());
        }
        if (requestKind.equals("all")) {
            requests = all.toArray(new RoutingRequest[0]);
        } else {
            // The requests of one kind, repeated to the same number of decisions per invocation.
            int kind = Integer.parseInt(requestKind);
            requests = new RoutingRequest[REQUESTS];
            for (int j = 0; j < REQUESTS; j++) {
                requests[j] = all.get(kind + 10 * (j % (ROUTES / 10)));
            }
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
            Optional<RouteDecision> decision = table.route(request, randomness.random, available);
            sink.consume(decision);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void linearScan(Randomness randomness, Blackhole sink) {
        for (RoutingRequest request : requests) {
            Optional<RouteDecision> decision = scan.route(request, randomness.random, available);
            sink.consume(decision);
        }
    }
}
