package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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

/** The SnapStart hooks: priming makes no network call; a restore re-reads the routing configuration. */
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

    @Test
    void restoreReReadsTheRoutingConfiguration() {
        RouterHandler handler = new RouterHandler(RouterSettings.from(Map.of()), ssm, lambda);
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
        assertTrue(requests.stream().anyMatch(r -> r.contains("AmazonSSM.GetParameter")), requests.toString());
    }
}
