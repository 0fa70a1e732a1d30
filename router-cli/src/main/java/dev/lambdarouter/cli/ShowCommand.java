package dev.lambdarouter.cli;

import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.StackAllowlist;
import dev.lambdarouter.store.TableCheck;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code routes show}: the version in Parameter Store, whether the routers accept it (the same compile and the stack's
 * allowlist), and its routes.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show the version, whether the routers accept it, and every route (priority, name, mode, targets and"
                    + " weights, parameter) in precedence order.",
            "The table is checked as the routers check it, with the stack's allowlist ({prefix}/allowed-functions);"
                    + " a table they reject (they keep their last good one) is reported with its problems, exit code 1."
        })
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        try (RoutingTableStore table = aws.openTable()) {
            Optional<String> version = table.readVersion();
            List<RouteParameter> parameters = RoutingTableStore.parameters(table.readRoutes());
            StackAllowlist allowlist = table.readAllowlist();
            // The routers' decision: the same compile and allowlist, with the label they use.
            TableCheck.Outcome verdict =
                    TableCheck.routersVerdict(allowlist.functions(), version.orElse("unversioned"), parameters);
            TableReport report = new TableReport(version, table.layout(), allowlist, verdict);
            PrintWriter sink = json || report.accepted()
                    ? spec.commandLine().getOut()
                    : spec.commandLine().getErr();
            sink.print(json ? report.json() : report.text());
            sink.flush();
            return report.accepted() ? RoutesCli.OK : RoutesCli.INVALID_CONFIG;
        }
    }
}
