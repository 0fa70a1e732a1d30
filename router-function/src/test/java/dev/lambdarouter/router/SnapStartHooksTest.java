package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.testing.StoreProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SnapStart hooks: priming makes no network call, and neither does a restore. */
class SnapStartHooksTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private SsmClient ssm;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            exchange.getResponseHeaders().set("x-amzn-ErrorType", "InternalServerError");
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ssm = SsmClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
        lambda = LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        ssm.close();
        lambda.close();
        server.stop(0);
    }

    @Test
    void initAndPrimingMakeNoNetworkCall() {
        RouterHandler handler = new RouterHandler(RouterSettings.from(Map.of()), ssm, lambda);
        handler.beforeCheckpoint(null);
        assertEquals(List.of(), requests, "no connection may be opened before the snapshot");
    }

    /**
     * Lambda fails a restore whose hook runs past 10 s, so the hook must not wait for the store: with a store that
     * never answers it returns at once (the bound is a correctness bound, far below the limit) having opened no
     * connection. The first request reads the store instead (SnapStartRestoreTest in the tests module).
     */
    @Test
    void restoreMakesNoNetworkCallEvenWhenTheStoreNeverAnswers() {
        try (StoreProxy silentStore = StoreProxy.silent();
                SsmClient neverAnswers = ParameterStoreRouteRepository.withCallLimits(SsmClient.builder())
                        .endpointOverride(silentStore.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            RouterHandler handler = new RouterHandler(RouterSettings.from(Map.of()), neverAnswers, lambda);
            handler.beforeCheckpoint(null);
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> handler.afterRestore(null));
            assertEquals(0, silentStore.connections(), "the restore hook opened a connection");
        }
    }
}
