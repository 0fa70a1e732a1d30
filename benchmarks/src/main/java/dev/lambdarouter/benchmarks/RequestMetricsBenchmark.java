package dev.lambdarouter.benchmarks;

import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.RequestRouter;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.RouterWiring;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.observability.MetricDimensions;
import dev.lambdarouter.router.observability.RouterMetrics;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the request metrics add to a warm request: the same routed request (ALB event decoded, route matched, target
 * picked, worker answered in memory, answer encoded; no request log) with {@code metrics} = {@code off} (no metrics
 * at all, {@link RouterMetrics#NONE}) and with the router's embedded-metric-format record for each
 * {@code ROUTER_METRICS_DIMENSIONS} setting: {@code none} ([Service]), {@code route} (+ [Service, Route]) and
 * {@code route,target} (+ [Service, Route, Target]). Standard output goes to a null stream during the run, so the
 * cost measured is building and serialising the record, not a terminal.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RequestMetricsBenchmark -f 1 -wi 3 -i 5 -prof gc}.
 */
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RequestMetricsBenchmark {

    /** {@code off}, or a {@code ROUTER_METRICS_DIMENSIONS} value. */
    @Param({"off", "none", "route", "route,target"})
    public String metrics;

    private static final String ROUTES = """
            [{"name":"orders","priority":10,"match":{"hosts":["api.example.com"],"paths":[{"prefix":"/orders"}]},
              "targets":[{"function":"orders-v1","weight":90},{"function":"orders-v2","weight":10}]}]""";
    private static final byte[] EVENT = """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"}},
             "httpMethod":"GET","path":"/orders/42","queryStringParameters":{"expand":"items"},
             "headers":{"host":"api.example.com","accept":"application/json","x-forwarded-for":"203.0.113.9",
                        "x-amzn-trace-id":"Root=1-5f0c1a2b-0123456789abcdef01234567"},
             "body":"","isBase64Encoded":false}""".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WORKER_ANSWER =
            "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"id\\\":42}\"}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Duration REMAINING = Duration.ofSeconds(30);

    private RequestRouter router;
    private PrintStream stdout;

    @Setup
    public void build() {
        RouterMetrics recorder;
        if (metrics.equals("off")) {
            recorder = RouterMetrics.NONE;
        } else {
            recorder = RouterMetrics.fromEnvironment(MetricDimensions.parse(metrics));
        }
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("1", List.of(new RouteParameter("/lambda-router/bench/routes/all", ROUTES))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        router = RouterWiring.builder(settings, tables, invocation -> new DispatchOutcome.Responded(WORKER_ANSWER, "r"))
                .metrics(recorder)
                .build()
                .router();
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    }

    @TearDown
    public void restoreStdout() {
        System.setOut(stdout);
    }

    @Benchmark
    public byte[] routedRequest() {
        return router.handle(EVENT, REMAINING);
    }
}
