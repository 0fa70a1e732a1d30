package dev.lambdarouter.cli;

import dev.lambdarouter.store.RoutingTableStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code routes publish FILE...}: writes route files to Parameter Store, then bumps the version. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publish route files: FILE goes to {prefix}/routes/<file name without .json> (or --name).",
            "The current table is read, the files are laid over it and the WHOLE result is validated; only if it is"
                    + " valid are the changed parameters written, and {prefix}/version is bumped last."
        })
final class PublishCommand implements Callable<Integer> {
    @Mixin
    PublishOptions publishing;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "Parameter name for a single FILE, relative to {prefix}/routes/ (e.g. team-a/orders) or full.")
    String name;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Route files (JSON).")
    List<Path> files;

    @Override
    public Integer call() {
        Map<String, String> edits = RouteFiles.edits(publishing.aws.layout(), files, name);
        try (RoutingTableStore table = publishing.aws.openTable()) {
            return publishing.publish(table, table.readRoutes(), edits);
        }
    }
}
