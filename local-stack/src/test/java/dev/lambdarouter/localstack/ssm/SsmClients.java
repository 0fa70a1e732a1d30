package dev.lambdarouter.localstack.ssm;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Real SDK v2 SSM clients for tests: static dummy credentials, the URL-connection HTTP client. */
final class SsmClients {
    private SsmClients() {}

    static SsmClient forEndpoint(URI endpoint) {
        return forEndpoint(endpoint, Region.US_EAST_1);
    }

    static SsmClient forEndpoint(URI endpoint, Region region) {
        return SsmClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
