package dev.lambdarouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutDocuments;
import dev.lambdarouter.store.RouteJson;
import dev.lambdarouter.store.StoredRollout;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code routes rollout status [--route R] [--json]}. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Where rollouts are: state, step k of n, expected and live weights, thresholds, the controller's last"
                    + " observation and decision, when the next decision is due, and the history.",
            "Without --route: every rollout document under {prefix}/rollouts. --json prints the stored documents"
                    + " (one object with --route, else an array)."
        })
final class RolloutStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--route", paramLabel = "NAME", description = "Only this route's rollout.")
    String route;

    @Option(names = "--json", description = "Print the rollout documents as JSON.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RolloutSession session = RolloutSession.open(aws)) {
            if (route != null) {
                RolloutDocument document = session.require(route);
                if (json) {
                    out.print(RouteJson.indented(tree(document)) + "\n");
                    out.flush();
                } else {
                    RolloutStatusReport.lines(document, session.liveWeights(route), session.now())
                            .forEach(out::println);
                }
                return RoutesCli.OK;
            }
            List<StoredRollout> all = session.rollouts().readAll();
            int code = RoutesCli.OK;
            ArrayNode array = RouteJson.MAPPER.createArrayNode();
            if (all.isEmpty() && !json) {
                out.println("no rollouts under " + session.layout().rolloutsPath());
            }
            for (StoredRollout stored : all) {
                Optional<RolloutDocument> document = stored.document();
                if (document.isEmpty()) {
                    err.println("route " + stored.route() + ": the rollout document " + stored.parameter()
                            + " is unreadable: " + stored.problem().orElse("?"));
                    code = RoutesCli.INVALID_CONFIG;
                } else if (json) {
                    array.add(tree(document.get()));
                } else {
                    RolloutStatusReport.lines(document.get(), session.liveWeights(stored.route()), session.now())
                            .forEach(out::println);
                }
            }
            if (json) {
                out.print(RouteJson.indented(array) + "\n");
            }
            out.flush();
            return code;
        }
    }

    private static JsonNode tree(RolloutDocument document) throws JsonProcessingException {
        return RouteJson.MAPPER.readTree(RolloutDocuments.write(document));
    }
}
