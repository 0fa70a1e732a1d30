package dev.lambdarouter.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Where the routing table lives: {@code --prefix}, {@code --endpoint-url}, {@code --region}, with the defaults the
 * router and the AWS CLI use.
 */
final class AwsOptions {
    static final String DEFAULT_PREFIX = "/lambda-router/dev";

    private final SsmClients clients;
    private final Map<String, String> environment;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            description = "Parameter Store prefix (default: $ROUTER_CONFIG_PREFIX, else " + DEFAULT_PREFIX + ").")
    String prefix;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "SSM endpoint (default: $AWS_ENDPOINT_URL_SSM, else $AWS_ENDPOINT_URL, else the profile's"
                    + " endpoint_url, else AWS). The local stack: http://127.0.0.1:4583.")
    String endpointUrl;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "AWS region (default: $AWS_REGION, else $AWS_DEFAULT_REGION, else the profile's region).")
    String region;

    AwsOptions(SsmClients clients, Map<String, String> environment) {
        this.clients = clients;
        this.environment = environment;
    }

    /** {@code {prefix}/routes}, without a trailing slash, as the router lists it. */
    String routesPath() {
        return checkedPrefix() + "/routes";
    }

    String versionParameter() {
        return checkedPrefix() + "/version";
    }

    /** The routers' allowlist, written by the stack (comma-separated function names; absent: none). */
    String allowedFunctionsParameter() {
        return checkedPrefix() + "/allowed-functions";
    }

    String prefix() {
        return checkedPrefix();
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
        return clients.open(endpoint, AwsRegion.resolve(region, environment));
    }

    private String checkedPrefix() {
        String chosen = prefix != null ? prefix : environment.getOrDefault("ROUTER_CONFIG_PREFIX", DEFAULT_PREFIX);
        if (!chosen.startsWith("/") || chosen.endsWith("/") || chosen.length() < 2) {
            throw CliException.usage(
                    "--prefix must start with '/' and must not end with '/' (as ROUTER_CONFIG_PREFIX): " + chosen);
        }
        return chosen;
    }
}
