package dev.lambdarouter.cli;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The routing table's parameters: {@code {prefix}/routes/...} and {@code {prefix}/version}. */
final class RouteStore {
    private final SsmClient client;
    private final String routesPath;
    private final String versionParameter;

    RouteStore(SsmClient client, AwsOptions options) {
        this.client = client;
        this.routesPath = options.routesPath();
        this.versionParameter = options.versionParameter();
    }

    String routesPath() {
        return routesPath;
    }

    String versionParameter() {
        return versionParameter;
    }

    /** Every route parameter, full name to value, in name order (the order the router compiles them in). */
    SortedMap<String, String> readRoutes() {
        SortedMap<String, String> values = new TreeMap<>();
        GetParametersByPathRequest request = GetParametersByPathRequest.builder()
                .path(routesPath)
                .recursive(true)
                .maxResults(10)
                .build();
        for (GetParametersByPathResponse page : client.getParametersByPathPaginator(request)) {
            for (Parameter parameter : page.parameters()) {
                values.put(parameter.name(), parameter.value());
            }
        }
        return values;
    }

    Optional<String> readVersion() {
        try {
            return Optional.of(client.getParameter(r -> r.name(versionParameter))
                    .parameter()
                    .value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates or overwrites a String parameter; returns its new Parameter Store version. */
    long put(String name, String value, ParameterTier tier) {
        return client.putParameter(r -> r.name(name)
                        .value(value)
                        .type(ParameterType.STRING)
                        .overwrite(true)
                        .tier(tier.sdkTier()))
                .version();
    }

    void writeVersion(String value) {
        client.putParameter(r -> r.name(versionParameter)
                .value(value)
                .type(ParameterType.STRING)
                .overwrite(true)
                .tier(ParameterTier.STANDARD.sdkTier()));
    }

    /** A new version value: the current time in epoch milliseconds, moved past {@code previous} if need be. */
    static String nextVersion(Optional<String> previous, long nowMillis) {
        long next = nowMillis;
        if (previous.isPresent()) {
            try {
                next = Math.max(
                        next, Math.addExact(Long.parseLong(previous.get().trim()), 1));
            } catch (NumberFormatException | ArithmeticException notAMillisecondVersion) {
                // any other string: the current time differs from it
            }
        }
        return Long.toString(next);
    }
}
