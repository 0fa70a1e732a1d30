package dev.lambdarouter.cli;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.store.RoutingTableStore;
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
    private final SsmClients clients;
    private final Map<String, String> environment;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            description = "Parameter Store prefix (default: $" + ConfigLayout.PREFIX_VARIABLE + ", else "
                    + ConfigLayout.DEFAULT_PREFIX + ").")
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

    /** Where the table lives under the chosen prefix: the layout the routers read. */
    ConfigLayout layout() {
        String chosen = prefix != null
                ? prefix
                : environment.getOrDefault(ConfigLayout.PREFIX_VARIABLE, ConfigLayout.DEFAULT_PREFIX);
        if (!ConfigLayout.isValidPrefix(chosen)) {
            throw CliException.usage(
                    "--prefix " + ConfigLayout.PREFIX_RULE + " (as " + ConfigLayout.PREFIX_VARIABLE + "): " + chosen);
        }
        return new ConfigLayout(chosen);
    }

    /** The table in Parameter Store, through a client for the chosen endpoint and region. */
    RoutingTableStore openTable() {
        ConfigLayout layout = layout();
        return new RoutingTableStore(openClient(), layout);
    }

    /** A client for the chosen endpoint and region; the caller closes it. */
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
}
