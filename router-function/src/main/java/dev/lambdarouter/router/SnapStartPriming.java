package dev.lambdarouter.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.config.ConfigSourceException;
import dev.lambdarouter.router.config.RouteRepository;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs the hot path (decode, match, pick, build the worker event, read a worker answer, encode) on synthetic
 * requests before a SnapStart snapshot, so the snapshot holds loaded, JIT-warmed classes, including the SDK's
 * Parameter Store and Lambda call paths (the first request after a restore loads the routing table). Makes no
 * network call, touches no credentials and leaves no state behind: its SDK clients are throwaway ones answered in
 * memory ({@link SdkCallPriming}), with its own table and throwaway randomness.
 */
final class SnapStartPriming {

    private static final String ROUTES = """
            [{"name":"prime-sync","priority":1,"match":{"hosts":["*.example.com"],"paths":[{"template":"/prime/{id}"}],
              "methods":["GET","POST"],"headers":[{"name":"x-prime","regex":"[a-z]+"}]},
              "targets":[{"function":"prime-a","weight":90},{"function":"prime-b","weight":10}],
              "stickiness":{"type":"header","name":"x-user"}},
             {"name":"prime-async","priority":2,"match":{"paths":[{"prefix":"/prime-jobs"}]},"mode":"async",
              "targets":[{"function":"prime-a","weight":1}]}]
            """;

    private static final byte[] WORKER_ANSWER = """
            {"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\\"ok\\":true}","isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);

    /** Workers that answer at once, without the SDK. */
    private static final Dispatcher LOCAL_WORKERS = invocation -> switch (invocation.mode()) {
        case SYNC -> new DispatchOutcome.Responded(WORKER_ANSWER, "priming");
        case ASYNC -> new DispatchOutcome.Accepted("priming");
    };

    private SnapStartPriming() {}

    /** What a priming run did: requests routed, Parameter Store and Lambda calls answered in memory. */
    record Report(int requests, int storeCalls, int workerCalls) {}

    /**
     * Routes {@code 2 * iterations} synthetic requests to workers that answer locally, and, through SDK clients
     * configured as in production but answered in memory ({@link SdkCallPriming}), reads the routing table and
     * routes {@code 2 * iterations / 10} more requests: enough for the SDK's call paths to be loaded and compiled,
     * without adding seconds to the snapshot's creation.
     */
    static Report prime(RouterSettings settings, ObjectMapper mapper, int iterations) {
        int sdkIterations = iterations / 10;
        try (SdkCallPriming sdk = new SdkCallPriming(ROUTES, WORKER_ANSWER, mapper)) {
            RouteRepository store = sdk.store();
            for (int i = 0; i < sdkIterations; i++) {
                readTable(store);
            }
            RoutingTableCache tables = new RoutingTableCache(
                    store, settings, RoutingTableListener.NONE, Runnable::run, System::nanoTime, () -> 0.5);
            route(router(settings, tables, sdk.workers(), mapper), sdkIterations);
            route(router(settings, tables, LOCAL_WORKERS, mapper), iterations);
            return new Report(2 * (sdkIterations + iterations), sdk.storeCalls(), sdk.workerCalls());
        }
    }

    private static RequestRouter router(
            RouterSettings settings, RoutingTableCache tables, Dispatcher workers, ObjectMapper mapper) {
        return RouterWiring.builder(settings, tables, workers)
                .randomness(new Randomness())
                .mapper(mapper)
                .build()
                .router();
    }

    private static void route(RequestRouter router, int iterations) {
        for (int i = 0; i < iterations; i++) {
            int n = i % 250;
            router.handle(singleValueEvent(i, n), Duration.ofSeconds(10));
            router.handle(multiValueEvent(i, n), Duration.ofSeconds(10));
        }
    }

    private static void readTable(RouteRepository store) {
        try {
            store.readVersion();
            store.readRoutes();
        } catch (ConfigSourceException e) {
            throw new IllegalStateException("the in-memory store of SnapStart priming failed: " + e.getMessage(), e);
        }
    }

    private static byte[] singleValueEvent(int i, int n) {
        return """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/prime/0"}},
             "httpMethod":"GET","path":"/prime/%d","queryStringParameters":{"q":"a%%20b"},
             "headers":{"host":"api.example.com","x-prime":"abc","x-user":"u%d","x-forwarded-for":"10.0.0.%d",
                        "x-amzn-trace-id":"Root=1-00000000-000000000000000000000000"},
             "body":"","isBase64Encoded":false}
            """.formatted(i, n, n).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multiValueEvent(int i, int n) {
        return """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/prime/0"}},
             "httpMethod":"POST","path":"/prime-jobs/%d","multiValueQueryStringParameters":{"q":["1","2"]},
             "multiValueHeaders":{"host":["api.example.com"],"x-forwarded-for":["10.0.0.%d"]},
             "body":"eyJhIjoxfQ==","isBase64Encoded":true}
            """.formatted(i, n).getBytes(StandardCharsets.UTF_8);
    }
}
