package dev.lambdarouter.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.router.CannedHttpClient.Answer;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.config.RouteRepository;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Throwaway SDK clients for SnapStart priming, configured as in production ({@link
 * ParameterStoreRouteRepository#withCallLimits}, {@link LambdaDispatcher#withRouterRetries}) but over
 * {@link CannedHttpClient}s, with dummy static credentials and a fixed region: Parameter Store reads and Lambda
 * invokes run through the real SDK (marshalling, signing, unmarshalling) without a network connection, and
 * nothing of them outlives {@link #close}.
 */
final class SdkCallPriming implements AutoCloseable {

    private static final ConfigLayout LAYOUT = new ConfigLayout("/lambda-router/snapstart-priming");
    private static final StaticCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    private static final Region REGION = Region.US_EAST_1;
    private static final String SSM_JSON = "application/x-amz-json-1.1";

    private final CannedHttpClient ssmHttp;
    private final CannedHttpClient lambdaHttp;
    private final SsmClient ssm;
    private final LambdaClient lambda;

    /**
     * Clients whose Parameter Store holds {@code routes} (a JSON array of routes, one parameter) and whose workers
     * answer synchronous invocations with {@code workerAnswer}.
     */
    SdkCallPriming(String routes, byte[] workerAnswer, ObjectMapper mapper) {
        byte[] version = json(mapper, Map.of("Parameter", parameter(LAYOUT.versionParameter(), "priming")));
        byte[] listing =
                json(mapper, Map.of("Parameters", List.of(parameter(LAYOUT.routeParameter("priming"), routes))));
        this.ssmHttp = new CannedHttpClient(request -> switch (target(request)) {
            case "AmazonSSM.GetParameter" -> new Answer(200, SSM_JSON, version);
            case "AmazonSSM.GetParametersByPath" -> new Answer(200, SSM_JSON, listing);
            default -> throw new IllegalStateException("priming makes no " + target(request) + " call");
        });
        this.lambdaHttp = new CannedHttpClient(request -> request.firstMatchingHeader("X-Amz-Invocation-Type")
                        .filter("Event"::equals)
                        .isPresent()
                ? new Answer(202, "application/json", new byte[0])
                : new Answer(200, "application/json", workerAnswer));
        this.ssm = ParameterStoreRouteRepository.withCallLimits(SsmClient.builder(), ssmHttp)
                .region(REGION)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .build();
        this.lambda = LambdaDispatcher.withRouterRetries(LambdaClient.builder())
                .httpClient(lambdaHttp)
                .region(REGION)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .build();
    }

    /** A Parameter Store repository over the canned store. */
    RouteRepository store() {
        return new ParameterStoreRouteRepository(ssm, LAYOUT);
    }

    /** A Lambda dispatcher over the canned workers. */
    Dispatcher workers() {
        return new LambdaDispatcher(lambda);
    }

    /** Calls answered so far: Parameter Store, Lambda. */
    int storeCalls() {
        return ssmHttp.served();
    }

    int workerCalls() {
        return lambdaHttp.served();
    }

    @Override
    public void close() {
        ssm.close();
        lambda.close();
    }

    private static String target(SdkHttpRequest request) {
        return request.firstMatchingHeader("X-Amz-Target").orElse("(no target)");
    }

    private static Map<String, Object> parameter(String name, String value) {
        return Map.of("Name", name, "Value", value, "Type", "String", "Version", 1);
    }

    private static byte[] json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
