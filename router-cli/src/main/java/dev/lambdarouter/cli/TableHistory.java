package dev.lambdarouter.cli;

import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.RoutingTableStore.Revision;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The published versions of a routing table, rebuilt from Parameter Store's own history, so it covers tables edited
 * by hand with the AWS CLI as well as by {@code routes publish}.
 *
 * <p>A table version is one stored version of {@code {prefix}/version} (every publish moves it last). The table at a
 * version is, for each route parameter, its last stored value written no later than that version's LastModifiedDate;
 * a parameter first written later is absent. Dates have millisecond precision (AWS and moto alike); a route written
 * in the same millisecond as the version bump counts as part of it, as a publish writes the routes before the bump.
 *
 * <p>Limits: Parameter Store keeps the last 100 versions of each parameter, so a table can be rebuilt only while
 * every route parameter still holds a value from before that version; and deleting a parameter deletes its history,
 * so a route parameter deleted by hand is missing from every rebuilt table. The CLI never deletes: it writes
 * {@code []} (no routes) instead.
 */
final class TableHistory {
    private final List<Revision> versions;
    private final Map<String, List<Revision>> routeRevisions;

    private TableHistory(List<Revision> versions, Map<String, List<Revision>> routeRevisions) {
        this.versions = versions;
        this.routeRevisions = routeRevisions;
    }

    /** Reads the history of the version parameter and of every route parameter in {@code routeParameters}. */
    static TableHistory read(RoutingTableStore store, Iterable<String> routeParameters) {
        Map<String, List<Revision>> routes = new LinkedHashMap<>();
        for (String name : routeParameters) {
            routes.put(name, store.history(name));
        }
        return new TableHistory(store.history(store.layout().versionParameter()), routes);
    }

    /** The versions Parameter Store keeps, oldest first. */
    List<Revision> versions() {
        return versions;
    }

    /**
     * The version numbered {@code number} (the version parameter's Parameter Store version, as {@code history} lists
     * it).
     *
     * @throws CliException (usage) naming the versions there are, when there is no such version
     */
    Revision version(long number) {
        for (Revision version : versions) {
            if (version.version() == number) {
                return version;
            }
        }
        String parameter = versions.isEmpty() ? "" : versions.get(0).name();
        throw CliException.usage("no version " + number + " in the history of the table"
                + (versions.isEmpty()
                        ? " (the version parameter has no history)"
                        : " (" + parameter + " keeps versions "
                                + versions.get(0).version() + " to "
                                + versions.get(versions.size() - 1).version() + "; see 'routes history')"));
    }

    /** {@code version 3 (value 1764658201123, published 2026-12-02T06:50:01.123Z by arn:...)}. */
    static String describe(Revision version) {
        return "version " + version.version() + " (value " + version.value() + ", published " + when(version) + " by "
                + version.user() + ")";
    }

    /** When {@code revision} was written, in UTC to the millisecond. */
    static String when(Revision revision) {
        return revision.modified().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The version before {@code version}, if Parameter Store still keeps it. */
    Optional<Revision> previous(Revision version) {
        int index = versions.indexOf(version);
        return index > 0 ? Optional.of(versions.get(index - 1)) : Optional.empty();
    }

    /** The route parameters as they were at {@code version}: full name to value. */
    SortedMap<String, String> tableAt(Revision version) {
        SortedMap<String, String> table = new TreeMap<>();
        routeRevisions.forEach((name, revisions) -> {
            Revision latest = null;
            for (Revision revision : revisions) {
                if (!revision.modified().isAfter(version.modified())) {
                    latest = revision;
                }
            }
            if (latest != null) {
                table.put(name, latest.value());
            }
        });
        return table;
    }

    /**
     * The route parameters whose history no longer reaches back to {@code version} (more than 100 writes since), so
     * the rebuilt table lacks them or holds a later value.
     */
    List<String> truncatedAt(Revision version) {
        List<String> truncated = new ArrayList<>();
        routeRevisions.forEach((name, revisions) -> {
            if (!revisions.isEmpty()
                    && revisions.get(0).version() > 1
                    && revisions.get(0).modified().isAfter(version.modified())) {
                truncated.add(name);
            }
        });
        return truncated;
    }
}
