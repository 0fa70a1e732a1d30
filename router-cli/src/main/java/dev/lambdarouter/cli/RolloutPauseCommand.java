package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code routes rollout pause --route R [--reason TEXT]}: the controller leaves the rollout alone; weights stay. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = {
            "Pause a running rollout: the weights stay as they are and the controller makes no decision until"
                    + " 'routes rollout resume'."
        })
final class RolloutPauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route's name.")
    String route;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the rollout's history.")
    String reason;

    @Override
    public Integer call() {
        try (RolloutSession session = RolloutSession.open(aws)) {
            return RolloutUpdate.run(
                    session,
                    route,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr(),
                    current -> {
                        if (current.state() == RolloutState.PAUSED) {
                            return new RolloutUpdate.Stop(
                                    RoutesCli.OK,
                                    "nothing to do: the rollout of route '" + route + "' is already paused ("
                                            + current.reason() + ")");
                        }
                        if (!current.active()) {
                            return new RolloutUpdate.Stop(
                                    RoutesCli.CONFLICT,
                                    "nothing to pause: the rollout of route '" + route + "' is "
                                            + current.state().label() + " (" + current.reason() + ")");
                        }
                        String why = "paused by the operator" + (reason == null ? "" : ": " + reason);
                        return new RolloutUpdate.Write(
                                current.transition(
                                        RolloutEvent.Kind.PAUSE,
                                        RolloutState.PAUSED,
                                        current.step(),
                                        current.expectedWeights(),
                                        session.now(),
                                        why),
                                "paused the rollout of route '" + route + "' at step " + (current.step() + 1) + " of "
                                        + current.steps().size() + "; weights unchanged: "
                                        + RolloutSession.describe(current.expectedWeights()));
                    });
        }
    }
}
