package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.testing.FailingAwsEndpoint;
import dev.lambdarouter.router.testing.StoreProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SnapStart hooks: priming makes no network call, and neither does a restore. */
class SnapStartHooksTest {

    private FailingAwsEndpoint aws;
    private SsmClient ssm;
    private LambdaClient lambda;
    private List<String> requests;

    @BeforeEach
    void start() throws Exception {
        aws = new FailingAwsEndpoint();
        ssm = aws.ssm();
        lambda = aws.lambda();
        requests = aws.requests;
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void initAndPrimingMakeNoNetworkCall() {
        RouterHandler handler = new RouterHandler(RouterSettings.from(Map.of()), ssm, lambda);
        handler.beforeCheckpoint(null);
        assertEquals(List.of(), requests, "no connection may be opened before the snapshot");
    }

    /**
     * Priming runs Parameter Store reads and Lambda invokes through real SDK clients answered in memory: the
     * in-memory clients served them, nothing reached the network, and afterwards the production handler still
     * calls its own store.
     */
    @Test
    void primingRunsTheSdkCallsInMemoryAndLeavesTheProductionClientsAlone() throws Exception {
        RouterSettings settings = RouterSettings.from(Map.of());
        RouterHandler handler = new RouterHandler(settings, ssm, lambda);

        SnapStartPriming.Report report = SnapStartPriming.prime(settings, new ObjectMapper(), 20);
        handler.beforeCheckpoint(null);

        assertTrue(report.workerCalls() > 0, "no Lambda invoke ran through the SDK");
        assertTrue(report.storeCalls() > 0, "no Parameter Store read ran through the SDK");
        assertEquals(List.of(), requests, "no connection may be opened before the snapshot");

        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(("{\"httpMethod\":\"GET\",\"path\":\"/orders\",\"headers\":{},"
                                + "\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn\"}}}")
                        .getBytes(StandardCharsets.UTF_8)),
                answer,
                lambdaContext());
        assertTrue(
                requests.stream().anyMatch(r -> r.endsWith("AmazonSSM.GetParameter")),
                "after priming the handler reads its own store: " + requests);
        assertTrue(answer.size() > 0, "the handler answered");
    }

    private static Context lambdaContext() {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    if (method.getReturnType() == int.class) {
                        return 3_000;
                    }
                    return method.getReturnType() == String.class ? "test" : null;
                });
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
