package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.observability.SdkCallTracing;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * How the router's {@link LambdaClient} is configured: HTTP client, timeouts and retries. Credentials, region and
 * endpoint are left to the caller (production: the SDK's default chains; tests: a fake endpoint).
 */
final class LambdaClients {

    /** Connecting to the regional Lambda endpoint should take milliseconds; give up early when it doesn't. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Longer than the longest invocation Lambda allows (15 minutes): each call is bounded by its own
     * {@code apiCallTimeout}, so the socket timeout must never cut a legitimate sync invocation short.
     */
    static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(15).plusSeconds(30);

    /** One call and at most two retries of a failure worth retrying; the call timeout bounds them all. */
    static final int MAX_ATTEMPTS = 3;

    private LambdaClients() {}

    /** A builder with the router's HTTP client, timeouts and retry strategy; nothing else is set. */
    static LambdaClientBuilder configuredBuilder() {
        return withRetries(LambdaClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT));
    }

    /** {@code builder} with the router's {@link #retryStrategy}; nothing else is set. */
    static LambdaClientBuilder withRetries(LambdaClientBuilder builder) {
        return builder.overrideConfiguration(o -> o.retryStrategy(retryStrategy()));
    }

    /**
     * The SDK's standard strategy (jittered exponential backoff, retry-quota circuit breaker) with at most
     * {@value #MAX_ATTEMPTS} attempts, retrying only what {@link #isRetryable} accepts instead of the SDK's defaults.
     *
     * <p>Throttles are deliberately not retried: the SDK waits at least the service's {@code Retry-After} before
     * each retry, so the router would hold the caller (and a unit of the account's concurrency, which the throttled
     * workers need) for seconds, or run into its own timeout and report 504 instead of 503. The router answers 503
     * with {@code Retry-After} at once and leaves the retry to the client.
     */
    static RetryStrategy retryStrategy() {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .useClientDefaults(false)
                .maxAttempts(MAX_ATTEMPTS)
                .retryOnException(LambdaClients::isRetryable)
                .build();
    }

    /**
     * Lambda's own 5xx errors and I/O failures reaching the endpoint. Not throttles, not 4xx, and never function
     * errors: those arrive as successful responses.
     */
    static boolean isRetryable(Throwable failure) {
        if (failure instanceof SdkServiceException service) {
            return service.statusCode() >= 500 && !service.isThrottlingException();
        }
        if (failure instanceof SdkClientException) {
            for (Throwable cause = failure.getCause();
                    cause != null && cause != cause.getCause();
                    cause = cause.getCause()) {
                if (cause instanceof IOException) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The production client: credentials from the default provider chain (which, unlike the environment-variable
     * provider, keeps working after a SnapStart restore), region from the default region chain ({@code AWS_REGION}),
     * endpoint from {@code AWS_ENDPOINT_URL_LAMBDA} / {@code AWS_ENDPOINT_URL} when set; each call a span of
     * {@code tracing}.
     */
    static LambdaClient defaultClient(SdkCallTracing tracing) {
        return tracing.instrument(configuredBuilder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }
}
