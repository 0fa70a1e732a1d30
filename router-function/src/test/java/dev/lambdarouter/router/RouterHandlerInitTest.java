package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.tracing.LambdaTracing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The init phase and the routing table: when a request follows the init ({@code on-demand}), the first load starts
 * during construction, on the refresher thread, which also builds the Parameter Store client; before a SnapStart
 * snapshot ({@code snap-start}) nothing is read; an early load that fails does not fail the first request.
 */
class RouterHandlerInitTest {

    private static final String PREFIX = "/lambda-router/dev";
    private static final String ROUTE = """
            {"name":"orders","priority":1,"match":{"paths":[{"prefix":"/orders"}]},
             "targets":[{"function":"orders-v1","weight":1}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A generous bound on the wait for a load: the first SDK call of a test JVM on a busy machine is slow. */
    private static final RouterSettings SETTINGS =
            RouterSettings.from(Map.of("ROUTER_CONFIG_LOAD_WAIT_MILLIS", "30000"));

    /** Parameter Store calls received, by {@code X-Amz-Target}. */
    private final List<String> storeCalls = new CopyOnWriteArrayList<>();
    /** How many of the first {@code GetParameter} calls answer 500. */
    private final AtomicInteger versionFailures = new AtomicInteger();
    /** Counts down when the store has answered a {@code GetParameter}. */
    private final CountDownLatch versionAsked = new CountDownLatch(1);
    /** The thread that asked for the Parameter Store client. */
    private final AtomicReference<Thread> ssmBuiltOn = new AtomicReference<>();

    private HttpServer store;
    private FakeLambdaServer workers;
    private SsmClient ssm;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws IOException {
        store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        store.createContext("/", this::answerStoreCall);
        store.start();
        workers = new FakeLambdaServer().start();
        workers.register("orders-v1", FakeLambdaServer.respond("{\"statusCode\":200,\"body\":\"from orders-v1\"}"));
    }

    @AfterEach
    void stop() {
        if (ssm != null) {
            ssm.close();
        }
        if (lambda != null) {
            lambda.close();
        }
        workers.close();
        store.stop(0);
    }

    @Test
    void onDemandTheFirstLoadStartsDuringConstructionOnTheRefresherThread() throws Exception {
        AtomicReference<Boolean> readWhileConstructing = new AtomicReference<>();
        RouterHandler handler = new RouterHandler(
                SETTINGS,
                this::storeClient,
                () -> {
                    // The Lambda client is built after the load started: the store is read while this waits.
                    readWhileConstructing.set(awaitQuietly(versionAsked));
                    return lambda = workers.sdkClient();
                },
                LambdaTracing.OFF,
                InitializationType.ON_DEMAND);

        assertEquals(Boolean.TRUE, readWhileConstructing.get(), "the load started during construction");
        assertNotEquals(Thread.currentThread(), ssmBuiltOn.get(), "the Parameter Store client is built in parallel");
        assertEquals("routing-table-refresh", ssmBuiltOn.get().getName());

        assertEquals(200, status(handle(handler)));
        assertEquals(1, count("AmazonSSM.GetParameter"), "one load, not two");
        assertEquals(1, workers.invocationsOf("orders-v1").size());
    }

    @Test
    void beforeASnapshotNothingIsReadDuringConstruction() throws Exception {
        RouterHandler handler = new RouterHandler(
                SETTINGS,
                this::storeClient,
                () -> lambda = workers.sdkClient(),
                LambdaTracing.OFF,
                InitializationType.SNAP_START);

        assertEquals("routing-table-refresh", ssmBuiltOn.get().getName(), "the client is built in parallel");
        assertTrue(!versionAsked.await(300, TimeUnit.MILLISECONDS), "no connection before the snapshot");
        assertEquals(List.of(), storeCalls);

        assertEquals(200, status(handle(handler)));
        assertEquals(1, count("AmazonSSM.GetParameter"), "the first request loads the table");
    }

    @Test
    void withoutAnInitializationTypeNothingIsReadDuringConstruction() throws Exception {
        new RouterHandler(
                SETTINGS,
                this::storeClient,
                () -> lambda = workers.sdkClient(),
                LambdaTracing.OFF,
                InitializationType.from(Map.of()));

        assertTrue(!versionAsked.await(300, TimeUnit.MILLISECONDS), "nothing read before the first request");
    }

    /** A Parameter Store client that cannot be built fails the init, as when it was built on the init thread. */
    @Test
    void aStoreClientThatCannotBeBuiltFailsTheInit() {
        for (InitializationType initialization : InitializationType.values()) {
            IllegalStateException failure = assertThrows(
                    IllegalStateException.class,
                    () -> new RouterHandler(
                            SETTINGS,
                            () -> {
                                throw new IllegalStateException("Unable to load region");
                            },
                            () -> lambda = workers.sdkClient(),
                            LambdaTracing.OFF,
                            initialization),
                    initialization.name());
            assertEquals("Unable to load region", failure.getMessage());
            lambda.close();
        }
    }

    /**
     * The early load fails (one attempt, no SDK retry, the store answers 500 once): the first request does not
     * take that failure as its own (no 503, no retry backoff) and loads the table itself.
     */
    @Test
    void anEarlyLoadThatFailsDoesNotFailTheFirstRequest() throws Exception {
        versionFailures.set(1);
        RouterHandler handler = new RouterHandler(
                SETTINGS,
                this::storeClient,
                () -> lambda = workers.sdkClient(),
                LambdaTracing.OFF,
                InitializationType.ON_DEMAND);
        assertTrue(versionAsked.await(10, TimeUnit.SECONDS), "the early load read the store");

        assertEquals(200, status(handle(handler)), "the first request loaded the table itself");
        assertEquals(
                List.of("AmazonSSM.GetParameter", "AmazonSSM.GetParameter", "AmazonSSM.GetParametersByPath"),
                storeCalls);
    }

    private long count(String target) {
        return storeCalls.stream().filter(target::equals).count();
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void answerStoreCall(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        storeCalls.add(target);
        byte[] body;
        int status = 200;
        if ("AmazonSSM.GetParameter".equals(target)) {
            if (versionFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 500;
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "InternalServerError");
                body = "{\"__type\":\"InternalServerError\",\"message\":\"try again\"}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                body = JSON.writeValueAsBytes(Map.of("Parameter", parameter(PREFIX + "/version", "1")));
            }
        } else if ("AmazonSSM.GetParametersByPath".equals(target)) {
            body = JSON.writeValueAsBytes(Map.of("Parameters", List.of(parameter(PREFIX + "/routes/orders", ROUTE))));
        } else {
            status = 400;
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        if ("AmazonSSM.GetParameter".equals(target)) {
            versionAsked.countDown();
        }
    }

    private static Map<String, Object> parameter(String name, String value) {
        return Map.of("Name", name, "Value", value, "Type", "String", "Version", 1);
    }

    private static byte[] handle(RouterHandler handler) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(("{\"httpMethod\":\"GET\",\"path\":\"/orders/1\",\"headers\":{},"
                                + "\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn\"}}}")
                        .getBytes(StandardCharsets.UTF_8)),
                answer,
                lambdaContext());
        return answer.toByteArray();
    }

    private static int status(byte[] answer) throws IOException {
        return JSON.readTree(answer).path("statusCode").asInt();
    }

    private static Context lambdaContext() {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    if (method.getReturnType() == int.class) {
                        return 5_000;
                    }
                    return method.getReturnType() == String.class ? "test" : null;
                });
    }

    private SsmClient storeClient() {
        ssmBuiltOn.set(Thread.currentThread());
        return ssm = SsmClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + store.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
