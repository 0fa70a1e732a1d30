package dev.lambdarouter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The linear-scan baseline is honest: on the benchmark's table and requests it reaches the decision the index reaches
 * (same route, same target).
 */
class LinearScanTest {

    @Test
    void linearScanAndRoutingTableAgreeOnEveryBenchmarkRequest() throws ConfigValidationException {
        RealisticRouteTable generated = new RealisticRouteTable(IndexVersusLinearScanBenchmark.ROUTES);
        RoutingTable table = RoutingTable.compile("test", generated.sources());
        LinearScan scan = new LinearScan(table);
        List<RoutingRequest> requests = IndexVersusLinearScanBenchmark.requests(generated);
        assertEquals(IndexVersusLinearScanBenchmark.REQUESTS, requests.size());
        for (RoutingRequest request : requests) {
            Optional<RouteDecision> indexed = table.route(request, new SplittableRandom(1), f -> true);
            Optional<RouteDecision> scanned = scan.route(request, new SplittableRandom(1), f -> true);
            assertEquals(indexed, scanned, request.toString());
        }
    }

    @Test
    void eachGeneratedRequestReachesItsOwnRouteThroughTheScan() throws ConfigValidationException {
        RealisticRouteTable generated = new RealisticRouteTable(IndexVersusLinearScanBenchmark.ROUTES);
        LinearScan scan = new LinearScan(RoutingTable.compile("test", generated.sources()));
        for (int i = 0; i < generated.size(); i++) {
            assertEquals(
                    generated.routeName(i),
                    scan.firstMatch(generated.requestFor(i)).name());
        }
        assertNull(scan.firstMatch(RealisticRouteTable.unroutedRequest()));
    }
}
