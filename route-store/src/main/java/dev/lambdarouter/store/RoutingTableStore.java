package dev.lambdarouter.store;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.engine.RouteParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmServiceClientConfiguration;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The published routing table in Parameter Store, read and written by the CLI and the rollout controller, laid out as
 * {@link ConfigLayout} says (the layout the routers read): the route parameters, the version and the routers'
 * allowlist. {@link #close()} closes the client.
 */
public final class RoutingTableStore implements AutoCloseable {
    private final SsmClient client;
    private final ConfigLayout layout;

    public RoutingTableStore(SsmClient client, ConfigLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    /**
     * Where this store writes, for the line printed before any write: {@code endpoint http://127.0.0.1:4583 (region
     * us-east-1), prefix /lambda-router/dev}, or {@code AWS (region eu-west-1), prefix ...} without an endpoint
     * override (from the option, {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL} or the profile).
     */
    public String destination() {
        SsmServiceClientConfiguration configuration = client.serviceClientConfiguration();
        String where =
                configuration.endpointOverride().map(uri -> "endpoint " + uri).orElse("AWS");
        return where + " (region " + configuration.region() + "), prefix " + layout.prefix();
    }

    public ConfigLayout layout() {
        return layout;
    }

    /** Every route parameter, full name to value, in name order (the order the router compiles them in). */
    public SortedMap<String, String> readRoutes() {
        SortedMap<String, String> values = new TreeMap<>();
        GetParametersByPathRequest request = GetParametersByPathRequest.builder()
                .path(layout.routesPath())
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

    /** Route parameters as the engine compiles them, from full names to values (e.g. {@link #readRoutes()}). */
    public static List<RouteParameter> parameters(Map<String, String> routes) {
        List<RouteParameter> parameters = new ArrayList<>(routes.size());
        routes.forEach((name, value) -> parameters.add(new RouteParameter(name, value)));
        return parameters;
    }

    public Optional<String> readVersion() {
        return read(layout.versionParameter());
    }

    /** The allowlist the stack gives the routers. */
    public StackAllowlist readAllowlist() {
        String parameter = layout.allowedFunctionsParameter();
        return new StackAllowlist(parameter, read(parameter));
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(
                    client.getParameter(r -> r.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The versions of {@code name} Parameter Store still keeps (the last 100), oldest first; empty when the parameter
     * does not exist (never created, or deleted: deleting a parameter deletes its history).
     */
    public List<Revision> history(String name) {
        List<Revision> revisions = new ArrayList<>();
        GetParameterHistoryRequest request =
                GetParameterHistoryRequest.builder().name(name).maxResults(50).build();
        try {
            for (GetParameterHistoryResponse page : client.getParameterHistoryPaginator(request)) {
                for (ParameterHistory entry : page.parameters()) {
                    revisions.add(new Revision(
                            entry.name(),
                            entry.version(),
                            entry.value(),
                            entry.lastModifiedDate(),
                            entry.lastModifiedUser() == null ? "unknown" : entry.lastModifiedUser()));
                }
            }
        } catch (ParameterNotFoundException e) {
            return List.of();
        }
        revisions.sort(Comparator.comparingLong(Revision::version));
        return revisions;
    }

    /**
     * One stored version of a parameter.
     *
     * @param version  Parameter Store's version number of the parameter (1, 2, ...)
     * @param modified when it was written (LastModifiedDate)
     * @param user     who wrote it (LastModifiedUser: an IAM ARN on AWS)
     */
    public record Revision(String name, long version, String value, Instant modified, String user) {}

    /** Creates or overwrites a String parameter; returns its new Parameter Store version. */
    public long put(String name, String value, ParameterTier tier) {
        return client.putParameter(r -> r.name(name)
                        .value(value)
                        .type(ParameterType.STRING)
                        .overwrite(true)
                        .tier(tier.sdkTier()))
                .version();
    }

    public void writeVersion(String value) {
        client.putParameter(r -> r.name(layout.versionParameter())
                .value(value)
                .type(ParameterType.STRING)
                .overwrite(true)
                .tier(ParameterTier.STANDARD.sdkTier()));
    }

    /** A new version value: the current time in epoch milliseconds, moved past {@code previous} if need be. */
    public static String nextVersion(Optional<String> previous, long nowMillis) {
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

    @Override
    public void close() {
        client.close();
    }
}
