package dev.lambdarouter.cli;

import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.StackAllowlist;
import dev.lambdarouter.store.TableCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code routes diff}: what publishing files would change, or what changed since an earlier version. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compare route tables: the live table with FILEs laid over it as publish would lay them (what publishing"
                    + " them would change), or an earlier version with the live table (--from-version N, numbers as"
                    + " 'routes history' lists them; --to-version M compares two versions).",
            "Routes added, removed and changed field by field; for a change of weights, the share of requests that"
                    + " moves from each target to each other and, for a sticky route, the share of sticky clients that"
                    + " move (simulated with the router's own sticky selection). Writes nothing.",
            "With FILEs, the result is also checked as the routers check it: exit code 1 with the problems when"
                    + " publishing them would be refused (the diff is printed all the same)."
        })
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Parameter name for a single FILE, relative to {prefix}/routes/ (as publish --name).")
    String name;

    @Option(
            names = "--from-version",
            paramLabel = "N",
            description = "Compare version N (see 'routes history') with the live table.")
    Long fromVersion;

    @Option(
            names = "--to-version",
            paramLabel = "M",
            description = "With --from-version: compare with version M instead of the live table.")
    Long toVersion;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Route files (JSON), as for publish.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        if (files.isEmpty() == (fromVersion == null)) {
            throw CliException.usage("give either FILEs (compared with the live table) or --from-version N");
        }
        if (toVersion != null && fromVersion == null) {
            throw CliException.usage("--to-version needs --from-version");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RoutingTableStore table = aws.openTable()) {
            SortedMap<String, String> live = table.readRoutes();
            String liveLabel = "the live table (" + table.layout().routesPath() + "/, version "
                    + table.readVersion().orElse("absent") + ")";
            if (fromVersion == null) {
                return diffFiles(table, live, liveLabel, out);
            }
            TableHistory history = TableHistory.read(table, live.keySet());
            RoutingTableStore.Revision from = history.version(fromVersion);
            DiffReport report;
            if (toVersion == null) {
                report = new DiffReport(
                        TableHistory.describe(from), liveLabel, TableDiff.between(history.tableAt(from), live));
            } else {
                RoutingTableStore.Revision to = history.version(toVersion);
                report = new DiffReport(
                        TableHistory.describe(from),
                        TableHistory.describe(to),
                        TableDiff.between(history.tableAt(from), history.tableAt(to)));
            }
            print(report, out);
            return RoutesCli.OK;
        }
    }

    /** The files laid over the live table, as publish lays them; checked as publish checks them. */
    private int diffFiles(RoutingTableStore table, SortedMap<String, String> live, String liveLabel, PrintWriter out) {
        SortedMap<String, String> published = new TreeMap<>(live);
        published.putAll(RouteFiles.edits(table.layout(), files, name));
        String filesLabel = "the live table with "
                + String.join(", ", files.stream().map(Path::toString).toList());
        print(new DiffReport(liveLabel, filesLabel, TableDiff.between(live, published)), out);
        StackAllowlist allowlist = table.readAllowlist();
        TableCheck.Outcome verdict =
                TableCheck.routersVerdict(allowlist.functions(), "candidate", RoutingTableStore.parameters(published));
        if (verdict.valid()) {
            return RoutesCli.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        Problems.print(err, "publishing these files would be refused", verdict.problems());
        err.println("(checked as the routers check it, with " + allowlist.describe() + ")");
        err.flush();
        return RoutesCli.INVALID_CONFIG;
    }

    private void print(DiffReport report, PrintWriter out) {
        out.print(json ? report.json() : report.text());
        out.flush();
    }
}
