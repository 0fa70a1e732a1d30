package dev.lambdarouter.cli;

import java.util.Map;
import java.util.SortedMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that publishes an edit shares: where the table lives ({@link AwsOptions}), how it is checked
 * ({@link ValidationOptions}), {@code --dry-run}, and the publish itself ({@link Publisher}).
 */
final class PublishOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--dry-run", description = "Validate and show what would change; write nothing.")
    boolean dryRun;

    /** Publishes {@code edits} over {@code current} (what {@code table} held when the edit was prepared). */
    int publish(ParameterStoreTable table, SortedMap<String, String> current, Map<String, String> edits) {
        return new Publisher(
                        table,
                        validation,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr())
                .publish(current, edits, dryRun);
    }
}
