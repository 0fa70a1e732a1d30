package dev.lambdarouter.cli;

import dev.lambdarouter.store.RouteWeights.WeightEdit;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.TablePublisher;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code routes set-weights --route NAME FUNCTION=WEIGHT...}: canary steps and rollbacks. */
@Command(
        name = "set-weights",
        mixinStandardHelpOptions = true,
        description = {
            "Change the weights of a route's targets in place (canary steps, rollback).",
            "Only those weights change; the whole table is validated, the parameter written, then the version bumped.",
            "Example: routes set-weights --route orders orders-v1=50 orders-v2=50"
        })
final class SetWeightsCommand implements Callable<Integer> {
    @Mixin
    PublishOptions publishing;

    @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route's name.")
    String route;

    @Option(names = "--add", description = "Add functions that are not targets of the route yet.")
    boolean add;

    @Parameters(
            arity = "1..*",
            paramLabel = "FUNCTION=WEIGHT",
            description = "A target function (as written in the route) and its new weight (>= 0).")
    List<String> assignments;

    @Override
    public Integer call() {
        Map<String, Integer> weights = WeightArguments.parse(assignments);
        PrintWriter out = publishing.spec.commandLine().getOut();
        try (RoutingTableStore table = publishing.aws.openTable()) {
            TablePublisher publisher = new TablePublisher(table);
            SortedMap<String, String> current = table.readRoutes();
            WeightEdit edit = RouteEdits.edit(
                    () -> publisher.editWeights(current, route, weights, add, publishing.validation.tier));
            if (!edit.changed()) {
                out.println("nothing to change: route '" + route + "' (" + edit.parameter()
                        + ") already has these weights");
                return RoutesCli.OK;
            }
            out.println("route '" + route + "' (" + edit.parameter() + "): " + String.join(", ", edit.changes()));
            return publishing.publish(table, current, Map.of(edit.parameter(), edit.value()));
        }
    }
}
