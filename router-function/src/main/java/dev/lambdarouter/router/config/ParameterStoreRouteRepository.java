package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.observability.SdkCallTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Reads routes from SSM Parameter Store, laid out as {@link ConfigLayout} says, through the Powertools SSM provider:
 * {@code {prefix}/version} with one {@code GetParameter}, and {@code {prefix}/routes/} with
 * {@code GetParametersByPath} (recursive, paginated).
 *
 * <p>Powertools' own cache is bypassed (max age zero): {@link RoutingTableCache} owns the TTL, so that the cheap
 * version read and the full listing can follow different schedules.
 *
 * <p>The client may be built on first use ({@link #ParameterStoreRouteRepository(Supplier, ConfigLayout)}): at a
 * cold start the first load then builds it on the refresher thread, in parallel with the rest of the init.
 */
public final class ParameterStoreRouteRepository implements RouteRepository {

    private final Supplier<SsmClient> client;
    private final ConfigLayout layout;

    /** Built by {@link #provider()}, once. Guarded by {@code this}. */
    private SSMProvider provider;

    public ParameterStoreRouteRepository(SsmClient client, ConfigLayout layout) {
        this(() -> client, layout);
        provider();
    }

    /**
     * Reads through the client {@code client} supplies, asked for it on the first read or {@link #prepare()},
     * whichever comes first; a supplier that throws is asked again next time.
     */
    public ParameterStoreRouteRepository(Supplier<SsmClient> client, ConfigLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    /**
     * Builds the client and the Powertools provider now unless they are built (waits for a build in progress on
     * another thread): the init phase calls it so that a client that cannot be built fails the init, as it did when
     * it was built up front.
     *
     * @throws RuntimeException what the client's supplier threw
     */
    public void prepare() {
        provider();
    }

    private synchronized SSMProvider provider() {
        if (provider == null) {
            CacheManager noCache = new CacheManager();
            noCache.setDefaultExpirationTime(Duration.ZERO);
            provider = SSMProvider.builder()
                    .withClient(client.get())
                    .withCacheManager(noCache)
                    .build();
        }
        return provider;
    }

    /** Opening a connection to Parameter Store (in-region: milliseconds). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    /** Each attempt of a call (one page of a listing) may take this long; then the SDK retries. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    /** A whole call, retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /**
     * An SSM client for Lambda: URL-connection HTTP client, default credentials chain (safe after a SnapStart
     * restore), region and endpoint from the standard variables ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_SSM}).
     */
    public static SsmClient defaultClient() {
        return defaultClient(SdkCallTracing.NONE);
    }

    /** {@link #defaultClient()} with each call a span of {@code tracing}. */
    public static SsmClient defaultClient(SdkCallTracing tracing) {
        return tracing.instrument(withCallLimits(SsmClient.builder())).build();
    }

    /**
     * The router's HTTP client and call bounds: an attempt that gets no answer within {@link #ATTEMPT_TIMEOUT} is
     * retried, and a call gives up after {@link #CALL_TIMEOUT}. Sized to the wait of a request for a load (2 s by
     * default): one attempt may use the whole wait (the first call after a restore runs cold code), and a refresh
     * behind a silent store ends within seconds instead of holding the refresher.
     */
    public static SsmClientBuilder withCallLimits(SsmClientBuilder builder) {
        return withCallLimits(
                builder,
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build());
    }

    /**
     * The call bounds of {@link #withCallLimits(SsmClientBuilder)} over {@code httpClient} (SnapStart priming passes
     * one that answers in memory).
     */
    public static SsmClientBuilder withCallLimits(SsmClientBuilder builder, SdkHttpClient httpClient) {
        return builder.httpClient(httpClient)
                .overrideConfiguration(
                        o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
    }

    @Override
    public Optional<String> readVersion() throws ConfigSourceException {
        try {
            return Optional.ofNullable(provider().get(layout.versionParameter()));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (SdkException | IllegalStateException e) {
            throw new ConfigSourceException("cannot read " + layout.versionParameter() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<RouteParameter> readRoutes() throws ConfigSourceException {
        Map<String, String> byRelativeName;
        try {
            byRelativeName = provider().recursive().getMultiple(layout.routesPath());
        } catch (SdkException | IllegalStateException e) {
            throw new ConfigSourceException("cannot list " + layout.routesPath() + "/: " + e.getMessage(), e);
        }
        List<RouteParameter> parameters = new ArrayList<>(byRelativeName.size());
        new TreeMap<>(byRelativeName)
                .forEach((name, value) -> parameters.add(new RouteParameter(layout.routeParameter(name), value)));
        return parameters;
    }

    @Override
    public String describe() {
        return "Parameter Store " + layout.routesPath() + "/ (version " + layout.versionParameter() + ")";
    }
}
