package dev.lambdarouter.cli;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.RouteSource;
import dev.lambdarouter.engine.RoutingTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ssm.SsmClient;

/** {@code routes show}: the version and the routes in Parameter Store, as the router compiles them. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show the version and every route (priority, name, mode, targets and weights, parameter) in"
                + " precedence order.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        try (SsmClient client = aws.openClient()) {
            RouteStore store = new RouteStore(client, aws);
            Optional<String> version = store.readVersion();
            List<RouteSource> sources = new ArrayList<>();
            store.readRoutes().forEach((name, value) -> sources.add(new RouteSource(name, value)));
            RoutingTable table;
            try {
                table = RoutingTable.compile(version.orElse(""), sources);
            } catch (ConfigValidationException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("version " + version.orElse("(absent)") + "  (" + store.versionParameter() + ")");
                Problems.print(
                        err,
                        "the table under " + store.routesPath() + "/ is invalid (routers keep serving their"
                                + " last valid table)",
                        e.problems());
                return RoutesCli.INVALID_CONFIG;
            }
            TableReport report = new TableReport(version, store.versionParameter(), store.routesPath(), table);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.json() : report.text());
            out.flush();
            return RoutesCli.OK;
        }
    }
}
