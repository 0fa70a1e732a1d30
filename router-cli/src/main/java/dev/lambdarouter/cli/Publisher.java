package dev.lambdarouter.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Publishes an edit of the routing table: validates the whole resulting table as the routers will (with the stack's
 * allowlist from {@code {prefix}/allowed-functions}), names where it writes, writes the changed route parameters, and
 * only then moves {@code {prefix}/version}, so routers re-list the routes only once the edit is complete.
 * Nothing is written when the routers would reject the table, or when the stored routes changed since they were read (a
 * concurrent publish; this narrows the race to the moment of writing, as Parameter Store has no conditional put).
 */
final class Publisher {
    private final ParameterStoreTable store;
    private final ValidationOptions validation;
    private final PrintWriter out;
    private final PrintWriter err;

    Publisher(ParameterStoreTable store, ValidationOptions validation, PrintWriter out, PrintWriter err) {
        this.store = store;
        this.validation = validation;
        this.out = out;
        this.err = err;
    }

    /**
     * Checks the table as it would be after the edits, as the routers check it, then writes the changed parameters
     * and bumps the version (with {@code dryRun}, only reports what it would write).
     *
     * @param current the route parameters now in Parameter Store (full name to value)
     * @param edits   full parameter names to their new values
     * @return the exit code
     */
    int publish(SortedMap<String, String> current, Map<String, String> edits, boolean dryRun) {
        SortedMap<String, String> table = new TreeMap<>(current);
        table.putAll(edits);
        Map<String, String> changed = new LinkedHashMap<>();
        new TreeMap<>(edits).forEach((name, value) -> {
            if (!value.equals(current.get(name))) {
                changed.put(name, value);
            }
        });

        StackAllowlist allowlist = store.readAllowlist();
        TableCheck check = validation.tableCheck(allowlist.functions());
        TableCheck.Outcome outcome =
                check.check(ParameterStoreTable.parameters(table), ParameterStoreTable.parameters(changed));
        if (!outcome.valid()) {
            Problems.print(err, "rejected, nothing written", outcome.problems());
            err.println("(checked as the routers check it, with " + allowlist.describe() + ")");
            err.flush();
            return RoutesCli.INVALID_CONFIG;
        }
        if (changed.isEmpty()) {
            out.println("nothing to publish: Parameter Store already holds these values ("
                    + String.join(", ", edits.keySet()) + "); version not bumped");
            return RoutesCli.OK;
        }

        if (!dryRun && !store.readRoutes().equals(current)) {
            err.println("conflict: the routes under " + store.layout().routesPath()
                    + " changed while this edit was prepared"
                    + " (another publish?); nothing written. Run the command again.");
            return RoutesCli.CONFLICT;
        }
        out.println((dryRun ? "would write to " : "writing to ") + store.destination() + "; " + allowlist.describe());
        changed.forEach((name, value) -> {
            String before = current.get(name);
            String action = before == null ? "create" : "update";
            String details = name + " (" + TableCheck.characters(value) + " characters, "
                    + check.tier().label() + " tier): " + RouteJson.describeChange(before, value);
            if (dryRun) {
                out.println("would " + action + " " + details);
            } else {
                long version = store.put(name, value, check.tier());
                out.println(action + "d " + details + "; parameter version " + version);
            }
        });

        Optional<String> previous = store.readVersion();
        String next = ParameterStoreTable.nextVersion(previous, System.currentTimeMillis());
        if (dryRun) {
            out.println("would set " + store.layout().versionParameter() + " to a new value (now "
                    + previous.orElse("absent") + ")");
            out.println("dry run: nothing written; the table with "
                    + outcome.table().size() + " route(s) is valid");
            return RoutesCli.OK;
        }
        store.writeVersion(next);
        out.println("set " + store.layout().versionParameter() + ": " + previous.orElse("absent") + " -> " + next);
        out.println("published " + changed.size() + " parameter(s); table of "
                + outcome.table().size() + " route(s); routers follow within their TTL plus jitter");
        return RoutesCli.OK;
    }
}
