package dev.lambdarouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.RequestRouter;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.RouterWiring;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.testsupport.MotoServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The router reads its routes from Parameter Store (moto_server over the real wire protocol, through the real SDK
 * and Powertools), dispatches to a loopback Lambda Invoke API, and follows parameter edits within the TTL.
 */
class ParameterStoreRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/lambda-router/it";
    private static final Duration TTL = Duration.ofSeconds(1);

    private static OrdersStack stack;
    private static SsmClient ssm;
    private static LambdaClient lambdaClient;

    @BeforeAll
    static void start() throws Exception {
        stack = OrdersStack.start();
        ssm = stack.ssm();
        lambdaClient = stack.lambdaClient();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static void put(String name, String value) {
        ssm.putParameter(
                b -> b.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    private static String ordersRoute(int v1, int v2) {
        return """
                {"name":"orders","priority":100,"match":{"paths":[{"prefix":"/orders"}]},
                 "targets":[{"function":"orders-v1","weight":%d},{"function":"orders-v2","weight":%d}]}
                """.formatted(v1, v2);
    }

    /** Counts what the cache reports, and lets the test see rejections. */
    static final class Events implements RoutingTableListener {
        final List<String> rejected = new CopyOnWriteArrayList<>();
        final AtomicInteger loaded = new AtomicInteger();

        @Override
        public void tableLoaded(RoutingTable table, long loadMillis) {
            loaded.incrementAndGet();
        }

        @Override
        public void tableRejected(String version, List<String> problems, RoutingTable stillInForce) {
            rejected.addAll(problems);
        }

        @Override
        public void sourceUnavailable(String message, RoutingTable stillInForce) {}
    }

    private RequestRouter router(String prefix, Events events, ExecutorService refresher) {
        RouterSettings settings =
                new RouterSettings(prefix, TTL, Duration.ZERO, Duration.ofMinutes(5), "/_router/health");
        RoutingTableCache tables = new RoutingTableCache(
                new ParameterStoreRouteRepository(stack.moto().ssmClient(), settings.configLayout()),
                settings,
                events,
                refresher,
                System::nanoTime,
                () -> 0.0);
        return RouterWiring.builder(settings, tables, new LambdaDispatcher(lambdaClient))
                .mapper(JSON)
                .build()
                .router();
    }

    private static JsonNode get(RequestRouter router, String path) throws Exception {
        String event = """
                {"httpMethod":"GET","path":"%s","headers":{"host":"api.example.com"},"body":"","isBase64Encoded":false}
                """.formatted(path);
        return JSON.readTree(router.handle(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10)));
    }

    /** Sends requests until the answer body equals {@code expected}; returns how long it took. */
    private static Duration awaitBody(RequestRouter router, String expected, Duration timeout) throws Exception {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
            JsonNode response = get(router, "/orders/1");
            if (response.get("statusCode").asInt() == 200
                    && expected.equals(response.get("body").asText())) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("routing did not change to " + expected + " within " + timeout);
    }

    @Test
    void weightEditTakesEffectAfterTheTtlAndAnInvalidEditIsRejected() throws Exception {
        String prefix = PREFIX + "/edits";
        put(prefix + "/routes/orders", ordersRoute(100, 0));
        put(prefix + "/version", "1");
        Events events = new Events();
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RequestRouter router = router(prefix, events, refresher);
            for (int i = 0; i < 20; i++) {
                assertEquals(
                        "orders-v1", get(router, "/orders/" + i).get("body").asText());
            }

            // Shift all traffic to v2: edit the route, then bump the version marker.
            put(prefix + "/routes/orders", ordersRoute(0, 100));
            put(prefix + "/version", "2");
            Duration took = awaitBody(router, "orders-v2", TTL.multipliedBy(5));
            assertTrue(took.compareTo(TTL.plusSeconds(2)) <= 0, "took " + took);
            for (int i = 0; i < 20; i++) {
                assertEquals(
                        "orders-v2", get(router, "/orders/" + i).get("body").asText());
            }

            // An invalid edit (all weights zero, unknown field) is rejected whole; v2 stays in force.
            put(
                    prefix + "/routes/orders",
                    ordersRoute(0, 0).replace("\"priority\"", "\"colour\":\"red\",\"priority\""));
            put(prefix + "/version", "3");
            Instant until = Instant.now().plus(TTL.multipliedBy(3));
            int failures = 0;
            while (Instant.now().isBefore(until)) {
                JsonNode response = get(router, "/orders/1");
                if (!"orders-v2".equals(response.get("body").asText())) {
                    failures++;
                }
                Thread.sleep(20);
            }
            assertEquals(0, failures, "no request fails while a bad edit is rejected");
            assertTrue(
                    events.rejected.stream().anyMatch(p -> p.contains(prefix + "/routes/orders")),
                    "the rejection names the parameter: " + events.rejected);
        } finally {
            refresher.shutdownNow();
        }
    }

    @Test
    void routesAreReadAcrossPagesAndArrays() throws Exception {
        String prefix = PREFIX + "/pages";
        // 23 parameters (GetParametersByPath returns at most 10 per page), one holding an array of two routes.
        for (int i = 0; i < 22; i++) {
            put(prefix + "/routes/r" + i, """
                    {"name":"r%d","priority":%d,"match":{"paths":[{"exact":"/r%d"}]},
                     "targets":[{"function":"orders-v1","weight":1}]}""".formatted(i, i, i));
        }
        put(prefix + "/routes/nested/pair", """
                [{"name":"pair-a","priority":500,"match":{"paths":[{"exact":"/pair-a"}]},"targets":[{"function":"orders-v1","weight":1}]},
                 {"name":"pair-b","priority":501,"match":{"paths":[{"exact":"/pair-b"}]},"targets":[{"function":"orders-v2","weight":1}]}]""");
        put(prefix + "/version", "1");
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RequestRouter router = router(prefix, new Events(), refresher);
            assertEquals(200, get(router, "/r0").get("statusCode").asInt());
            assertEquals(200, get(router, "/r21").get("statusCode").asInt());
            assertEquals("orders-v2", get(router, "/pair-b").get("body").asText());
            assertEquals(404, get(router, "/r22").get("statusCode").asInt());
        } finally {
            refresher.shutdownNow();
        }
    }

    @Test
    void anUnreachableStoreKeepsTheTableInForce() throws Exception {
        MotoServer ownMoto = MotoServer.start();
        String prefix = PREFIX + "/outage";
        try (SsmClient own = ownMoto.ssmClient()) {
            own.putParameter(b ->
                    b.name(prefix + "/routes/orders").value(ordersRoute(1, 0)).type(ParameterType.STRING));
            own.putParameter(b -> b.name(prefix + "/version").value("1").type(ParameterType.STRING));
        }
        RouterSettings settings =
                new RouterSettings(prefix, TTL, Duration.ZERO, Duration.ofMinutes(5), "/_router/health");
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try (SsmClient routerSsm = ownMoto.ssmClient()) {
            RoutingTableCache tables = new RoutingTableCache(
                    new ParameterStoreRouteRepository(routerSsm, settings.configLayout()),
                    settings,
                    new Events(),
                    refresher,
                    System::nanoTime,
                    () -> 0.0);
            RequestRouter router = RouterWiring.builder(settings, tables, new LambdaDispatcher(lambdaClient))
                    .mapper(JSON)
                    .build()
                    .router();
            assertEquals("orders-v1", get(router, "/orders/1").get("body").asText());
            ownMoto.close();
            Instant until = Instant.now().plus(TTL.multipliedBy(3));
            int failures = 0;
            int requests = 0;
            while (Instant.now().isBefore(until)) {
                requests++;
                if (get(router, "/orders/1").get("statusCode").asInt() != 200) {
                    failures++;
                }
                Thread.sleep(20);
            }
            assertTrue(requests > 10);
            assertEquals(0, failures);
            assertEquals(200, get(router, "/_router/health").get("statusCode").asInt());
        } finally {
            refresher.shutdownNow();
        }
    }

    @Test
    void weightsSplitTrafficAcrossTargets() throws Exception {
        String prefix = PREFIX + "/split";
        put(prefix + "/routes/orders", ordersRoute(75, 25));
        put(prefix + "/version", "1");
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RequestRouter router = router(prefix, new Events(), refresher);
            int v2 = 0;
            int n = 400;
            for (int i = 0; i < n; i++) {
                if ("orders-v2".equals(get(router, "/orders/" + i).get("body").asText())) {
                    v2++;
                }
            }
            // 25% of 400 = 100; binomial sd ~ 8.7: +-40 is > 4.5 sd.
            assertTrue(v2 > 60 && v2 < 140, "v2 got " + v2 + " of " + n);
        } finally {
            refresher.shutdownNow();
        }
    }

    @Test
    void anUnreachableStoreAtColdStartIs503ThatSaysSo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RouterSettings settings =
                new RouterSettings(PREFIX + "/cold", TTL, Duration.ZERO, Duration.ofMinutes(5), "/_router/health");
        try (SsmClient unreachable = SsmClient.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + closedPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            RoutingTableCache tables = new RoutingTableCache(
                    new ParameterStoreRouteRepository(unreachable, settings.configLayout()),
                    settings,
                    new Events(),
                    Runnable::run,
                    System::nanoTime,
                    () -> 0.0);
            RequestRouter router = RouterWiring.builder(settings, tables, new LambdaDispatcher(lambdaClient))
                    .mapper(JSON)
                    .build()
                    .router();
            JsonNode response = get(router, "/orders/1");
            assertEquals(503, response.get("statusCode").asInt());
            assertEquals("5", response.get("headers").get("retry-after").asText());
            JsonNode problem = JSON.readTree(response.get("body").asText());
            assertEquals(
                    "urn:lambda-router:problem:no-routing-table",
                    problem.get("type").asText());
            assertTrue(problem.get("detail").asText().contains("unreachable"), problem.toString());
            assertEquals(503, get(router, "/_router/health").get("statusCode").asInt());
        }
    }
}
