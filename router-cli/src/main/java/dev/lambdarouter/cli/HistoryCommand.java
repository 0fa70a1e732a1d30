package dev.lambdarouter.cli;

import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.RoutingTableStore.Revision;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code routes history}: the published versions of the table, newest first, and what each changed. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "List the published versions of the table, newest first: each stored version of {prefix}/version (every"
                    + " publish moves it last, as does a hand edit that follows the README), when and by whom it was"
                    + " written, its value, and which routes changed since the version before.",
            "Rebuilt from Parameter Store's own history, so hand edits with the AWS CLI are included. Parameter Store"
                    + " keeps the last 100 versions of each parameter, and deleting a parameter deletes its history."
        })
final class HistoryCommand implements Callable<Integer> {
    private static final String[] HEADINGS = {"VERSION", "PUBLISHED (UTC)", "BY", "VALUE", "CHANGES"};
    /** Fields listed per changed route; the rest are counted ({@code routes diff} shows them all). */
    private static final int FIELDS_SHOWN = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RoutingTableStore table = aws.openTable()) {
            SortedMap<String, String> live = table.readRoutes();
            TableHistory history = TableHistory.read(table, live.keySet());
            List<Revision> versions = history.versions();
            String versionParameter = table.layout().versionParameter();
            if (versions.isEmpty()) {
                out.println("no versions: " + versionParameter + " does not exist (nothing published yet)");
                return RoutesCli.OK;
            }
            out.println(versions.size() + " version(s) of " + versionParameter
                    + ", newest first (Parameter Store keeps the last 100 of each parameter; 'routes diff"
                    + " --from-version N' shows one in full)");
            Revision latest = versions.get(versions.size() - 1);
            TableDiff pending = TableDiff.between(history.tableAt(latest), live);
            if (!pending.isEmpty()) {
                out.println("not yet published: route parameters written after version " + latest.version()
                        + " (routers re-list the routes only when the version moves): "
                        + pending.summary(FIELDS_SHOWN));
            }
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADINGS);
            for (int i = versions.size() - 1; i >= 0; i--) {
                Revision version = versions.get(i);
                rows.add(new String[] {
                    Long.toString(version.version()),
                    TableHistory.when(version),
                    version.user(),
                    version.value(),
                    changes(history, version)
                });
            }
            out.print(Columns.format(rows));
            out.flush();
            return RoutesCli.OK;
        }
    }

    private static String changes(TableHistory history, Revision version) {
        SortedMap<String, String> table = history.tableAt(version);
        List<String> incomplete = history.truncatedAt(version);
        String note = incomplete.isEmpty()
                ? ""
                : " [incomplete: the history of " + String.join(", ", incomplete) + " starts later]";
        Optional<Revision> previous = history.previous(version);
        TableDiff diff = TableDiff.between(previous.map(history::tableAt).orElseGet(TreeMap::new), table);
        String summary = previous.isPresent() || version.version() == 1
                ? diff.summary(FIELDS_SHOWN)
                : "earliest version kept: " + diff.added().size() + " route(s)";
        return summary + note;
    }
}
