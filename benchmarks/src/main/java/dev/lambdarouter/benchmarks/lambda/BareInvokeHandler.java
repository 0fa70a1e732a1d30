package dev.lambdarouter.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The baseline the router is compared with: the least a Lambda handler in front of a worker can do. It builds one
 * SDK v2 {@link LambdaClient} at init, invokes {@value #WORKER} synchronously with the ALB event as payload and
 * returns the worker's answer unchanged: no routing table, no decoding, no checks, no logs, no metrics, no tracing.
 * Its SnapStart priming ({@link #beforeCheckpoint}) invokes through a throwaway client whose HTTP client answers in
 * memory, as the router's priming does.
 */
public final class BareInvokeHandler implements RequestStreamHandler, Resource {

    static final String WORKER = "orders-v1";

    private final LambdaClient lambda;

    /**
     * Called by the Lambda runtime: the URL-connection HTTP client the router uses, credentials and region from the
     * SDK's default chains, endpoint from {@code AWS_ENDPOINT_URL_LAMBDA}.
     */
    public BareInvokeHandler() {
        this(LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build());
    }

    /** With a given client (the warm-overhead probe passes one configured exactly as the router's). */
    public BareInvokeHandler(LambdaClient lambda) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(invoke(lambda, input.readAllBytes()));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try (LambdaClient offline = LambdaClient.builder()
                .httpClient(new InMemoryWorkerHttpClient())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("prime", "prime")))
                .build()) {
            for (int i = 0; i < 2_000; i++) {
                invoke(offline, BenchmarkEvents.ALB_EVENT);
            }
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {}

    private static byte[] invoke(LambdaClient client, byte[] event) {
        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName(WORKER)
                .payload(SdkBytes.fromByteArrayUnsafe(event))
                .build());
        return response.payload().asByteArrayUnsafe();
    }
}
