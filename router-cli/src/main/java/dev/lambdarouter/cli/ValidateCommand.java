package dev.lambdarouter.cli;

import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.store.TableCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code routes validate FILE...}: checks route files offline, all together, as the router would. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check route files offline: each FILE is one parameter's value (a route or an array of routes).",
            "All files are compiled together as the router would (route names must be unique across them), and each"
                    + " file's size is checked against the tier's limit."
        })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ValidationOptions validation;

    @Option(
            names = "--allowed-functions",
            paramLabel = "F1,F2,...",
            description = "Also apply this allowlist (names or ARNs; qualifiers ignored), as the routers apply"
                    + " the stack's {prefix}/allowed-functions. Offline only: publish and set-weights read the"
                    + " stack's list; ROUTER_ALLOWED_FUNCTIONS in the shell is not read.")
    String allowedFunctions;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Route files (JSON).")
    List<Path> files;

    @Override
    public Integer call() {
        List<RouteParameter> parameters = new ArrayList<>();
        for (Path file : files) {
            parameters.add(new RouteParameter(file.toString(), RouteFiles.read(file)));
        }
        TableCheck.Outcome outcome = new TableCheck(validation.tier, FunctionAllowlist.parse(allowedFunctions))
                .check(parameters, parameters);
        if (!outcome.valid()) {
            Problems.print(spec.commandLine().getErr(), "invalid", outcome.problems());
            return RoutesCli.INVALID_CONFIG;
        }
        int largest = parameters.stream()
                .mapToInt(s -> TableCheck.characters(s.json()))
                .max()
                .orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        out.println("valid: " + outcome.table().size() + " route(s) in " + parameters.size() + " file(s); largest file "
                + largest + " of " + validation.tier.maxCharacters() + " characters (" + validation.tier.label()
                + " tier)");
        return RoutesCli.OK;
    }
}
