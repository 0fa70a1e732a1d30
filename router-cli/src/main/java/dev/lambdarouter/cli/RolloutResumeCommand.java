package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutState;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code routes rollout resume --route R}: re-publishes the step's weights and restarts the step's timer. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = {
            "Resume a paused rollout: publishes the current step's weights again (undoing a hand edit of the route's"
                    + " weights), restarts the step's timer and lets the controller decide again."
        })
final class RolloutResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route's name.")
    String route;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RolloutSession session = RolloutSession.open(aws)) {
            return RolloutUpdate.run(session, route, out, err, current -> {
                if (current.state() == RolloutState.RUNNING) {
                    return new RolloutUpdate.Stop(
                            RoutesCli.OK, "nothing to do: the rollout of route '" + route + "' is running");
                }
                if (!current.active()) {
                    return new RolloutUpdate.Stop(
                            RoutesCli.CONFLICT,
                            "nothing to resume: the rollout of route '" + route + "' is "
                                    + current.state().label() + " (" + current.reason()
                                    + "); start a new one with 'routes rollout start'");
                }
                Map<String, Integer> weights = current.weightsAtStep(current.step());
                int published = session.publishWeights(route, weights, validation.tier, out, err);
                if (published != RoutesCli.OK) {
                    return new RolloutUpdate.Stop(
                            published, "not resumed: the step's weights were not published; the rollout stays paused");
                }
                return new RolloutUpdate.Write(
                        current.transition(
                                RolloutEvent.Kind.RESUME,
                                RolloutState.RUNNING,
                                current.step(),
                                weights,
                                session.now(),
                                "resumed by the operator"),
                        "resumed the rollout of route '" + route + "' at step " + (current.step() + 1) + " of "
                                + current.steps().size() + " (" + current.percent() + "%); the step's timer restarts");
            });
        }
    }
}
