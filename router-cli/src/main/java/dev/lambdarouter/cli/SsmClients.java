package dev.lambdarouter.cli;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * Opens SSM clients: URL-connection HTTP client, the SDK's default credentials chain, the region given (see
 * {@link AwsRegion}), and the endpoint given, otherwise the SDK's ({@code AWS_ENDPOINT_URL_SSM},
 * {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url}, else AWS).
 */
final class SsmClients {
    private final Consumer<SsmClientBuilder> customizer;

    SsmClients(Consumer<SsmClientBuilder> customizer) {
        this.customizer = customizer;
    }

    static SsmClients standard() {
        return new SsmClients(builder -> {});
    }

    /** @param endpoint the endpoint, or null for the SDK's */
    SsmClient open(URI endpoint, Region region) {
        SsmClientBuilder builder = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20))
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        builder.region(region);
        customizer.accept(builder);
        return builder.build();
    }
}
