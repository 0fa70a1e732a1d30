package dev.lambdarouter.store;

import dev.lambdarouter.store.PublishResult.ParameterWrite;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one publish path for edits of the routing table (the CLI's and the rollout controller's): validates the whole
 * resulting table as the routers will (with the stack's allowlist from {@code {prefix}/allowed-functions}), writes the
 * changed route parameters, and only then moves {@code {prefix}/version}, so routers re-list the routes only once the
 * edit is complete. Nothing is written when the routers would reject the table, or when the stored routes changed since
 * they were read (a concurrent publish; this narrows the race to the moment of writing, as Parameter Store has no
 * conditional put). Prints nothing: the {@link PublishResult} says what happened.
 */
public final class TablePublisher {
    private final RoutingTableStore store;
    private final Clock clock;

    public TablePublisher(RoutingTableStore store) {
        this(store, Clock.systemUTC());
    }

    /**
     * A publisher whose version values come from {@code clock}.
     *
     * @param clock gives the new {@code {prefix}/version} value (epoch milliseconds, moved past the old one) */
    public TablePublisher(RoutingTableStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks the table as it would be after the edits, as the routers check it, then writes the changed parameters
     * in {@code tier} and bumps the version (with {@code dryRun}, only says what it would write).
     *
     * @param current the route parameters now in Parameter Store (full name to value), as read to prepare the edit
     * @param edits   full parameter names to their new values
     */
    public PublishResult publish(
            SortedMap<String, String> current, Map<String, String> edits, ParameterTier tier, boolean dryRun) {
        SortedMap<String, String> table = new TreeMap<>(current);
        table.putAll(edits);
        Map<String, String> changed = new LinkedHashMap<>();
        new TreeMap<>(edits).forEach((name, value) -> {
            if (!value.equals(current.get(name))) {
                changed.put(name, value);
            }
        });

        StackAllowlist allowlist = store.readAllowlist();
        TableCheck check = new TableCheck(tier, allowlist.functions());
        TableCheck.Outcome outcome =
                check.check(RoutingTableStore.parameters(table), RoutingTableStore.parameters(changed));
        if (!outcome.valid()) {
            return new PublishResult.Rejected(outcome.problems(), allowlist.describe());
        }
        if (changed.isEmpty()) {
            return new PublishResult.Unchanged("nothing to publish: Parameter Store already holds these values ("
                    + String.join(", ", edits.keySet()) + "); version not bumped");
        }
        if (!dryRun && !store.readRoutes().equals(current)) {
            return new PublishResult.Conflict(
                    "conflict: the routes under " + store.layout().routesPath()
                            + " changed while this edit was prepared (another publish?); nothing written. Run the command"
                            + " again.");
        }

        List<ParameterWrite> writes = new ArrayList<>();
        changed.forEach((name, value) -> {
            String before = current.get(name);
            long version = dryRun ? 0 : store.put(name, value, tier);
            writes.add(new ParameterWrite(
                    name,
                    before == null,
                    TableCheck.characters(value),
                    tier,
                    RouteJson.describeChange(before, value),
                    version));
        });
        Optional<String> previous = store.readVersion();
        int routes = outcome.table().size();
        if (dryRun) {
            return new PublishResult.DryRun(
                    store.destination(),
                    allowlist.describe(),
                    writes,
                    store.layout().versionParameter(),
                    previous,
                    routes);
        }
        String next = RoutingTableStore.nextVersion(previous, clock.millis());
        store.writeVersion(next);
        return new PublishResult.Published(
                store.destination(),
                allowlist.describe(),
                writes,
                store.layout().versionParameter(),
                previous,
                next,
                routes);
    }

    /**
     * Sets the weights of {@code route}'s targets (others keep theirs) and publishes that, as {@code routes
     * set-weights} does: read the routes, edit the one parameter holding the route, validate the whole table as the
     * routers do, write it in the standard tier, bump the version last.
     *
     * @param addTargets append functions that are not targets of the route yet (else that is an error)
     * @return {@link PublishResult.Unchanged} when the route already has these weights
     * @throws RouteNotFoundException when no route has that name
     * @throws RouteEditException     when the route is defined twice, has no targets, or lacks a target and
     *     {@code addTargets} is false
     */
    public PublishResult publishWeights(String route, Map<String, Integer> weights, boolean addTargets) {
        return publishWeights(route, weights, addTargets, ParameterTier.STANDARD, false);
    }

    /** As {@link #publishWeights(String, Map, boolean)}, in {@code tier}, optionally as a dry run. */
    public PublishResult publishWeights(
            String route, Map<String, Integer> weights, boolean addTargets, ParameterTier tier, boolean dryRun) {
        SortedMap<String, String> current = store.readRoutes();
        RouteWeights.WeightEdit edit = editWeights(current, route, weights, addTargets, tier);
        if (!edit.changed()) {
            return unchanged(edit);
        }
        return publish(current, Map.of(edit.parameter(), edit.value()), tier, dryRun);
    }

    /**
     * The edit {@link #publishWeights} publishes, for callers that show it first ({@code routes set-weights}).
     *
     * @throws RouteNotFoundException naming where the routes were looked for
     */
    public RouteWeights.WeightEdit editWeights(
            SortedMap<String, String> current,
            String route,
            Map<String, Integer> weights,
            boolean addTargets,
            ParameterTier tier) {
        try {
            return RouteWeights.edit(current, route, weights, addTargets, tier.maxCharacters());
        } catch (RouteNotFoundException e) {
            throw e.under(store.layout().routesPath());
        }
    }

    /** The result for an edit that changes nothing: {@code nothing to change: route 'orders' (...) already has ...}. */
    public static PublishResult.Unchanged unchanged(RouteWeights.WeightEdit edit) {
        return new PublishResult.Unchanged(
                "nothing to change: route '" + edit.route() + "' (" + edit.parameter() + ") already has these weights");
    }
}
