package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.dispatch.TargetCircuitBreakers;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one routing decision ({@link RoutingTable#route}: match plus target selection) on a realistic table of
 * 10, 100 and 1,000 routes (see {@link RealisticRouteTable}), for a request decided by the first route in
 * precedence order ({@code earlyHit}), one decided by the last route reached ({@code lateHit}) and one that no
 * route matches ({@code noRoute}). {@code lateHitThroughCircuitBreakers} is the decision as the router makes it:
 * targets filtered by the router's resilience4j circuit breakers (all closed). SampleTime reports percentiles (p50,
 * p99, ...); AverageTime the mean.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RoutingDecisionBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}
 */
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RoutingDecisionBenchmark {
    @Param({"10", "100", "1000"})
    public int routes;

    private RoutingTable table;
    private RoutingRequest early;
    private RoutingRequest late;
    private RoutingRequest unrouted;
    /** As the router holds it: one predicate over its circuit breakers. */
    private final Predicate<String> available = TargetCircuitBreakers.withDefaults()::isAvailable;

    /** Per-thread random generator, as each router instance owns one. */
    @State(Scope.Thread)
    public static class Randomness {
        final SplittableRandom random = new SplittableRandom(20261123L);
    }

    @Setup
    public void compileTable() throws ConfigValidationException {
        RealisticRouteTable generated = new RealisticRouteTable(routes);
        table = RoutingTable.compile("bench-" + routes, generated.sources());
        SplittableRandom random = new SplittableRandom(1);
        int earliestRank = Integer.MAX_VALUE;
        int latestRank = -1;
        for (int i = 0; i < generated.size(); i++) {
            RoutingRequest request = generated.requestFor(i);
            RouteDecision decision = table.route(request, random)
                    .orElseThrow(() -> new IllegalStateException("generated request is not routed: " + request));
            if (!decision.route().name().equals(generated.routeName(i))) {
                throw new IllegalStateException("request for " + generated.routeName(i) + " went to "
                        + decision.route().name());
            }
            int rank = table.routes().indexOf(decision.route());
            if (rank < earliestRank) {
                earliestRank = rank;
                early = request;
            }
            if (rank > latestRank) {
                latestRank = rank;
                late = request;
            }
        }
        unrouted = RealisticRouteTable.unroutedRequest();
        if (table.route(unrouted, random).isPresent()) {
            throw new IllegalStateException("the unrouted request found a route");
        }
    }

    @Benchmark
    public Optional<RouteDecision> earlyHit(Randomness randomness) {
        return table.route(early, randomness.random);
    }

    @Benchmark
    public Optional<RouteDecision> lateHit(Randomness randomness) {
        return table.route(late, randomness.random);
    }

    @Benchmark
    public Optional<RouteDecision> noRoute(Randomness randomness) {
        return table.route(unrouted, randomness.random);
    }

    @Benchmark
    public Optional<RouteDecision> lateHitThroughCircuitBreakers(Randomness randomness) {
        return table.route(late, randomness.random, available);
    }
}
