package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutState;
import dev.lambdarouter.store.RouteNotFoundException;
import dev.lambdarouter.store.RouteWeights;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code routes rollout abort --route R [--reason TEXT]}: the baseline's weights back, the rollout ended. */
@Command(
        name = "abort",
        mixinStandardHelpOptions = true,
        description = {
            "Abort a running or paused rollout: publishes the baseline's weights as they were when it started (the"
                    + " canary at 0) and marks the rollout aborted. A new rollout of the route can then start."
        })
final class RolloutAbortCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route's name.")
    String route;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the rollout's history.")
    String reason;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RolloutSession session = RolloutSession.open(aws)) {
            return RolloutUpdate.run(session, route, out, err, current -> {
                if (!current.active()) {
                    return new RolloutUpdate.Stop(
                            current.state() == RolloutState.ABORTED ? RoutesCli.OK : RoutesCli.CONFLICT,
                            "nothing to abort: the rollout of route '" + route + "' is "
                                    + current.state().label() + " (" + current.reason() + ")");
                }
                Map<String, Integer> weights = current.rollbackWeights();
                String why = "aborted by the operator" + (reason == null ? "" : ": " + reason);
                if (routeExists(session)) {
                    int published = session.publishWeights(route, weights, validation.tier, out, err);
                    if (published != RoutesCli.OK) {
                        return new RolloutUpdate.Stop(
                                published, "not aborted: the baseline's weights were not published");
                    }
                } else {
                    out.println("route '" + route + "' no longer exists: no weights to publish");
                    why += " (the route was gone)";
                }
                return new RolloutUpdate.Write(
                        current.transition(
                                RolloutEvent.Kind.ABORT,
                                RolloutState.ABORTED,
                                current.step(),
                                weights,
                                session.now(),
                                why),
                        "aborted the rollout of route '" + route + "' to " + current.canary() + " at step "
                                + (current.step() + 1) + " of "
                                + current.steps().size() + "; weights back to "
                                + RolloutSession.describe(weights));
            });
        }
    }

    private boolean routeExists(RolloutSession session) {
        try {
            RouteWeights.current(session.table().readRoutes(), route);
            return true;
        } catch (RouteNotFoundException e) {
            return false;
        }
    }
}
