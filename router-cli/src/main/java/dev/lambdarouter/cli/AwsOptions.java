package dev.lambdarouter.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Where the routing table lives: {@code --prefix}, {@code --endpoint-url}, {@code --region}. */
final class AwsOptions {
    static final String DEFAULT_PREFIX = "/lambda-router/dev";

    private final SsmClients clients;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            defaultValue = "${env:ROUTER_CONFIG_PREFIX:-" + DEFAULT_PREFIX + "}",
            description = "Parameter Store prefix (default: $ROUTER_CONFIG_PREFIX, else " + DEFAULT_PREFIX
                    + "; now ${DEFAULT-VALUE}).")
    String prefix;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "SSM endpoint (default: the SDK's: $AWS_ENDPOINT_URL_SSM, $AWS_ENDPOINT_URL, else AWS).")
    String endpointUrl;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "AWS region (default: the SDK's: $AWS_REGION, the profile's region).")
    String region;

    AwsOptions(SsmClients clients) {
        this.clients = clients;
    }

    /** {@code {prefix}/routes}, without a trailing slash, as the router lists it. */
    String routesPath() {
        return checkedPrefix() + "/routes";
    }

    String versionParameter() {
        return checkedPrefix() + "/version";
    }

    SsmClient openClient() {
        URI endpoint = null;
        if (endpointUrl != null) {
            try {
                endpoint = new URI(endpointUrl);
            } catch (URISyntaxException e) {
                throw CliException.usage("--endpoint-url: not a URL: " + endpointUrl);
            }
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw CliException.usage("--endpoint-url: expected http(s)://host[:port], got " + endpointUrl);
            }
        }
        return clients.open(endpoint, region);
    }

    private String checkedPrefix() {
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.length() < 2) {
            throw CliException.usage(
                    "--prefix must start with '/' and must not end with '/' (as ROUTER_CONFIG_PREFIX): " + prefix);
        }
        return prefix;
    }
}
