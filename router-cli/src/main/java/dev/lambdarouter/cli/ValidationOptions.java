package dev.lambdarouter.cli;

import dev.lambdarouter.engine.FunctionAllowlist;
import picocli.CommandLine.Option;

/** How a table is checked besides the engine's own validation: {@code --tier}, {@code --allowed-functions}. */
final class ValidationOptions {
    @Option(
            names = "--tier",
            paramLabel = "TIER",
            defaultValue = "standard",
            description = "Parameter tier: standard (values up to 4096 characters, the default) or advanced (8192);"
                    + " publish and set-weights write parameters in this tier.")
    ParameterTier tier;

    @Option(
            names = "--allowed-functions",
            paramLabel = "F1,F2,...",
            defaultValue = "${env:ROUTER_ALLOWED_FUNCTIONS}",
            description =
                    "Functions the router may invoke (names or ARNs; qualifiers ignored), as the router's"
                            + " ROUTER_ALLOWED_FUNCTIONS (the default). Targets, fallbacks and mirrors naming others are rejected.")
    String allowedFunctions;

    TableCheck tableCheck() {
        return new TableCheck(tier, FunctionAllowlist.parse(allowedFunctions));
    }
}
