package dev.lambdarouter.cli;

import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.RoutingTableStore.Revision;
import dev.lambdarouter.store.TablePublisher;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code routes rollback --to N}: puts back the table of an earlier version, as a publish. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Put back the table exactly as it was at version N (as 'routes history' numbers them): every route"
                    + " parameter gets the value it had then; a parameter created later gets [] (no routes) rather than"
                    + " being deleted, so its history stays and a later rollback can bring it back.",
            "Prints the diff first and writes only with --yes. The restored table is checked as a publish is (as the"
                    + " routers check it, with the stack's allowlist as it is now) and the version is bumped last.",
            "Limits: Parameter Store keeps the last 100 versions of each parameter; a parameter deleted by hand has"
                    + " lost its history and cannot be restored."
        })
final class RollbackCommand implements Callable<Integer> {
    /** The value of a route parameter that holds no routes (the engine accepts an empty array). */
    static final String NO_ROUTES = "[]";

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The version to put back.")
    long to;

    @Option(names = "--yes", description = "Write. Without it, only the diff and the check are shown.")
    boolean yes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RoutingTableStore table = aws.openTable()) {
            SortedMap<String, String> current = table.readRoutes();
            TableHistory history = TableHistory.read(table, current.keySet());
            Revision target = history.version(to);
            List<String> truncated = history.truncatedAt(target);
            if (!truncated.isEmpty()) {
                throw CliException.usage("cannot rebuild version " + to + ": Parameter Store no longer keeps the"
                        + " values of " + String.join(", ", truncated) + " from then (it keeps the last 100 versions"
                        + " of each parameter)");
            }
            SortedMap<String, String> restored = history.tableAt(target);
            Map<String, String> edits = new LinkedHashMap<>();
            current.keySet().forEach(name -> edits.put(name, restored.getOrDefault(name, NO_ROUTES)));

            SortedMap<String, String> after = new TreeMap<>(current);
            after.putAll(edits);
            String live = "the live table (" + table.layout().routesPath() + "/, version "
                    + table.readVersion().orElse("absent") + ")";
            out.print(new DiffReport(live, TableHistory.describe(target), TableDiff.between(current, after)).text());
            out.flush();

            int code = Publisher.print(
                    new TablePublisher(table).publish(current, edits, validation.tier, !yes),
                    out,
                    spec.commandLine().getErr());
            if (code == RoutesCli.OK && !yes && !after.equals(current)) {
                out.println("nothing written; pass --yes to roll back to version " + to);
            }
            return code;
        }
    }
}
