package dev.lambdarouter.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ssm.SsmClient;

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
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ValidationOptions validation;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "Parameter name for a single FILE, relative to {prefix}/routes/ (e.g. team-a/orders) or full.")
    String name;

    @Option(names = "--dry-run", description = "Validate and show what would change; write nothing.")
    boolean dryRun;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Route files (JSON).")
    List<Path> files;

    @Override
    public Integer call() {
        if (name != null && files.size() != 1) {
            throw CliException.usage("--name needs exactly one FILE, got " + files.size());
        }
        String routesPath = aws.routesPath();
        Map<String, String> edits = new LinkedHashMap<>();
        Map<String, Path> fileByParameter = new LinkedHashMap<>();
        for (Path file : files) {
            String parameter = RouteFiles.parameterName(routesPath, name != null ? name : RouteFiles.baseName(file));
            Path other = fileByParameter.putIfAbsent(parameter, file);
            if (other != null) {
                throw CliException.usage(file + " and " + other + " would both be published as " + parameter);
            }
            edits.put(parameter, RouteFiles.read(file));
        }
        try (SsmClient client = aws.openClient()) {
            RouteStore store = new RouteStore(client, aws);
            return new Publisher(
                            store,
                            validation,
                            spec.commandLine().getOut(),
                            spec.commandLine().getErr())
                    .publish(store.readRoutes(), edits, dryRun);
        }
    }
}
