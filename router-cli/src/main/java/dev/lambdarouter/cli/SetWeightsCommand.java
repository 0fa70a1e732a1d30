package dev.lambdarouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
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
        Map<String, Integer> weights = TargetWeights.parse(assignments);
        PrintWriter out = publishing.spec.commandLine().getOut();
        try (ParameterStoreTable table = publishing.aws.openTable()) {
            SortedMap<String, String> current = table.readRoutes();

            List<String> holders = new ArrayList<>();
            JsonNode root = null;
            ObjectNode routeNode = null;
            TreeSet<String> names = new TreeSet<>();
            for (Map.Entry<String, String> parameter : current.entrySet()) {
                Optional<JsonNode> parsed = RouteJson.parse(parameter.getValue());
                if (parsed.isEmpty()) {
                    continue;
                }
                for (ObjectNode candidate : RouteJson.routes(parsed.get())) {
                    Optional<String> name = RouteJson.name(candidate);
                    name.ifPresent(names::add);
                    if (name.isPresent() && name.get().equals(route)) {
                        holders.add(parameter.getKey());
                        root = parsed.get();
                        routeNode = candidate;
                    }
                }
            }
            if (holders.isEmpty()) {
                throw CliException.usage("no route '" + route + "' under "
                        + table.layout().routesPath() + "/"
                        + (names.isEmpty() ? " (no routes at all)" : " (routes: " + String.join(", ", names) + ")"));
            }
            if (holders.size() > 1) {
                throw new CliException(
                        RoutesCli.INVALID_CONFIG,
                        "route '" + route + "' is defined more than once (" + String.join(", ", holders)
                                + "); the table is invalid, fix it with 'routes publish' first");
            }
            String parameter = holders.get(0);
            List<String> changes = TargetWeights.apply(routeNode, route, weights, add);
            if (changes.isEmpty()) {
                out.println("nothing to change: route '" + route + "' (" + parameter + ") already has these weights");
                return RoutesCli.OK;
            }
            out.println("route '" + route + "' (" + parameter + "): " + String.join(", ", changes));
            String value = RouteJson.write(root, current.get(parameter), publishing.validation.tier.maxCharacters());
            return publishing.publish(table, current, Map.of(parameter, value));
        }
    }
}
