package dev.lambdarouter.cli;

import dev.lambdarouter.store.PublishResult;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.TablePublisher;
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
    int publish(RoutingTableStore table, SortedMap<String, String> current, Map<String, String> edits) {
        return print(new TablePublisher(table).publish(current, edits, validation.tier, dryRun));
    }

    /** Prints what a publish did; returns the exit code. */
    int print(PublishResult result) {
        return Publisher.print(
                result, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
