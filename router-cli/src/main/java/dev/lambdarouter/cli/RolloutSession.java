package dev.lambdarouter.cli;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.store.ParameterTier;
import dev.lambdarouter.store.PublishResult;
import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutStore;
import dev.lambdarouter.store.RouteNotFoundException;
import dev.lambdarouter.store.RouteWeights;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.StoredRollout;
import dev.lambdarouter.store.TablePublisher;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What the {@code routes rollout} commands work with: the routing table, its publish path and the rollout documents,
 * over one SSM client (closed with the session).
 */
final class RolloutSession implements AutoCloseable {
    private final RoutingTableStore table;
    private final RolloutStore rollouts;
    private final TablePublisher publisher;
    private final Clock clock;

    private RolloutSession(SsmClient client, ConfigLayout layout, Clock clock) {
        this.table = new RoutingTableStore(client, layout);
        this.rollouts = new RolloutStore(client, layout);
        this.publisher = new TablePublisher(table, clock);
        this.clock = clock;
    }

    static RolloutSession open(AwsOptions aws) {
        ConfigLayout layout = aws.layout();
        return new RolloutSession(aws.openClient(), layout, Clock.systemUTC());
    }

    RoutingTableStore table() {
        return table;
    }

    RolloutStore rollouts() {
        return rollouts;
    }

    ConfigLayout layout() {
        return table.layout();
    }

    /** Now, to the second (the documents' times are read by people). */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The route's live target weights.
     *
     * @throws CliException (usage) naming the routes there are when the route is missing
     */
    Map<String, Integer> currentWeights(String route) {
        return RouteEdits.edit(() -> {
            try {
                return RouteWeights.current(table.readRoutes(), route);
            } catch (RouteNotFoundException e) {
                throw e.under(layout().routesPath());
            }
        });
    }

    /** The route's live target weights; empty when the route is gone. */
    Optional<Map<String, Integer>> liveWeights(String route) {
        try {
            return Optional.of(RouteWeights.current(table.readRoutes(), route));
        } catch (RouteNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The route's rollout document.
     *
     * @throws CliException (usage) when there is none, (invalid configuration) when it is malformed
     */
    RolloutDocument require(String route) {
        StoredRollout stored = rollouts.read(route)
                .orElseThrow(() -> CliException.usage("no rollout for route '" + route + "' (nothing at "
                        + layout().rolloutParameter(route) + "); start one with 'routes rollout start'"));
        return readable(stored);
    }

    /** The document, or an invalid-configuration error naming the parameter and what is wrong. */
    static RolloutDocument readable(StoredRollout stored) {
        return stored.document()
                .orElseThrow(() -> new CliException(
                        RoutesCli.INVALID_CONFIG,
                        "the rollout document " + stored.parameter() + " is unreadable: "
                                + stored.problem().orElse("?")
                                + "; fix it, or delete it (aws ssm delete-parameter --name " + stored.parameter()
                                + ")"));
    }

    /**
     * Publishes {@code weights} on the route (adding the canary as a target if it is not one), printing what the
     * publish did.
     *
     * @return the exit code: anything but OK means nothing was written
     */
    int publishWeights(
            String route, Map<String, Integer> weights, ParameterTier tier, PrintWriter out, PrintWriter err) {
        out.println("publishing weights of route '" + route + "': " + describe(weights));
        PublishResult result = RouteEdits.edit(() -> publisher.publishWeights(route, weights, true, tier, false));
        return Publisher.print(result, out, err);
    }

    /** {@code orders-v1 95, orders-v2 5}. */
    static String describe(Map<String, Integer> weights) {
        return weights.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        table.close();
    }
}
