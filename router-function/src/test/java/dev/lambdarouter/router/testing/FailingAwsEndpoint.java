package dev.lambdarouter.router.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * An AWS endpoint on loopback that answers every call with a 500 and records it ({@code METHOD URI X-Amz-Target}),
 * with a Parameter Store client (one attempt) and a Lambda client pointed at it.
 */
public final class FailingAwsEndpoint implements AutoCloseable {

    /** Each call received, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    private final HttpServer server;
    private final SsmClient ssm;
    private final LambdaClient lambda;

    public FailingAwsEndpoint() throws IOException {
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

    public SsmClient ssm() {
        return ssm;
    }

    public LambdaClient lambda() {
        return lambda;
    }

    @Override
    public void close() {
        ssm.close();
        lambda.close();
        server.stop(0);
    }
}
