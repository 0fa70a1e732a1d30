package dev.lambdarouter.cli;

import dev.lambdarouter.store.ParameterTier;
import picocli.CommandLine.Option;

/** How a table is checked besides the routers' own acceptance: {@code --tier}. */
final class ValidationOptions {
    @Option(
            names = "--tier",
            paramLabel = "TIER",
            defaultValue = "standard",
            description = "Parameter tier: standard (values up to 4096 characters, the default) or advanced (8192);"
                    + " publish, set-weights and rollback write parameters in this tier.")
    ParameterTier tier;
}
