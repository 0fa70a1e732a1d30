package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.dispatch.DispatchOutcome.Accepted;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Failed;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Failure;
import dev.lambdarouter.router.dispatch.DispatchOutcome.FunctionFailed;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Responded;
import dev.lambdarouter.router.observability.SdkCallTracing;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A {@link Dispatcher} over Lambda's Invoke API: {@code SYNC} invokes RequestResponse, {@code ASYNC} invokes Event.
 *
 * <p>Payload sizes are checked before anything is sent. Each call, retries included, is bounded by the invocation's
 * timeout. A 200 carrying {@code X-Amz-Function-Error} is a {@link FunctionFailed}, not a success. Thread-safe.
 */
public final class LambdaDispatcher implements Dispatcher {

    private static final String UNKNOWN_REQUEST_ID = "UNKNOWN";

    private final LambdaClient client;

    public LambdaDispatcher(LambdaClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The client the router uses in AWS: URL-connection HTTP client, default credentials and region chains, the
     * SDK's standard retries with at most 3 attempts. The endpoint follows {@code AWS_ENDPOINT_URL_LAMBDA} /
     * {@code AWS_ENDPOINT_URL} (or the system properties {@code aws.endpointUrlLambda} / {@code aws.endpointUrl})
     * when set, so the same code runs against {@code sam local start-lambda} or a local stack.
     */
    public static LambdaClient defaultClient() {
        return LambdaClients.defaultClient(SdkCallTracing.NONE);
    }

    /** {@link #defaultClient()} with each Invoke call a span of {@code tracing}. */
    public static LambdaClient defaultClient(SdkCallTracing tracing) {
        return LambdaClients.defaultClient(tracing);
    }

    /**
     * {@code builder} with the retry strategy of {@link #defaultClient}; HTTP client, credentials, region and
     * endpoint are left to the caller (SnapStart priming: an HTTP client that answers in memory).
     */
    public static LambdaClientBuilder withRouterRetries(LambdaClientBuilder builder) {
        return LambdaClients.withRetries(builder);
    }

    @Override
    public DispatchOutcome dispatch(Invocation invocation) {
        int limit = PayloadLimits.requestLimit(invocation.mode());
        if (invocation.payload().length > limit) {
            return new Failed(
                    Failure.PAYLOAD_TOO_LARGE,
                    String.format(
                            "Payload for '%s' is %,d bytes; Lambda accepts at most %,d bytes for %s invocations",
                            invocation.functionName(), invocation.payload().length, limit, invocationType(invocation)),
                    null);
        }
        InvokeResponse response;
        try {
            response = client.invoke(request(invocation));
        } catch (SdkException e) {
            return InvokeFailures.classify(invocation, e);
        }
        return outcome(invocation, response);
    }

    private static InvokeRequest request(Invocation invocation) {
        return InvokeRequest.builder()
                .functionName(invocation.functionName())
                .invocationType(invocationType(invocation))
                .payload(SdkBytes.fromByteArrayUnsafe(invocation.payload()))
                .overrideConfiguration(o -> o.apiCallTimeout(invocation.timeout()))
                .build();
    }

    private static DispatchOutcome outcome(Invocation invocation, InvokeResponse response) {
        String requestId = requestId(response);
        int status = response.statusCode() == null ? response.sdkHttpResponse().statusCode() : response.statusCode();
        switch (invocation.mode()) {
            case ASYNC -> {
                // Lambda answers 202; an emulator that ran the function right away (200) has accepted it too.
                return status / 100 == 2
                        ? new Accepted(requestId)
                        : unexpectedStatus(invocation, status, 202, requestId);
            }
            case SYNC -> {
                if (status != 200) {
                    return unexpectedStatus(invocation, status, 200, requestId);
                }
                byte[] payload = response.payload() == null
                        ? new byte[0]
                        : response.payload().asByteArrayUnsafe();
                String functionError = response.functionError();
                return functionError != null
                        ? new FunctionFailed(functionError, payload, requestId)
                        : new Responded(payload, requestId);
            }
            default -> throw new AssertionError(invocation.mode());
        }
    }

    private static Failed unexpectedStatus(Invocation invocation, int status, int expected, String requestId) {
        return new Failed(
                Failure.INVALID_RESPONSE,
                "Lambda answered the " + invocationType(invocation)
                        + " invocation of '" + invocation.functionName() + "' with HTTP " + status + " instead of "
                        + expected
                        + (requestId == null ? "" : " (request id " + requestId + ")"),
                null);
    }

    private static String requestId(InvokeResponse response) {
        String id = response.responseMetadata().requestId();
        return id == null || id.isBlank() || UNKNOWN_REQUEST_ID.equals(id) ? null : id;
    }

    static InvocationType invocationType(Invocation invocation) {
        return switch (invocation.mode()) {
            case SYNC -> InvocationType.REQUEST_RESPONSE;
            case ASYNC -> InvocationType.EVENT;
        };
    }
}
