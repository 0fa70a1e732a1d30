package dev.lambdarouter.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs the hot path (decode, match, pick, build the worker event, read a worker answer, encode) on synthetic
 * requests before a SnapStart snapshot, so the snapshot holds loaded, JIT-warmed classes. Makes no network call,
 * touches no credentials and leaves no state behind: it uses its own table, its own dispatcher that answers
 * locally, and throwaway randomness.
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

    private SnapStartPriming() {}

    static void prime(RouterSettings settings, ObjectMapper mapper, int iterations) {
        Randomness randomness = new Randomness();
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("priming", List.of(new RouteParameter("priming", ROUTES))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.5);
        Dispatcher local = invocation -> switch (invocation.mode()) {
            case SYNC -> new DispatchOutcome.Responded(WORKER_ANSWER, "priming");
            case ASYNC -> new DispatchOutcome.Accepted("priming");
        };
        RequestRouter router = RouterWiring.builder(settings, tables, local)
                .randomness(randomness)
                .mapper(mapper)
                .build()
                .router();
        for (int i = 0; i < iterations; i++) {
            int n = i % 250;
            router.handle(singleValueEvent(i, n), Duration.ofSeconds(10));
            router.handle(multiValueEvent(i, n), Duration.ofSeconds(10));
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
