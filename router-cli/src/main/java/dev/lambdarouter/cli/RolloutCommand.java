package dev.lambdarouter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code routes rollout start|status|pause|resume|abort}: canary rollouts the rollout controller carries out. */
@Command(
        name = "rollout",
        mixinStandardHelpOptions = true,
        description = {
            "Canary rollouts: 'start' publishes the first step's weights and stores a rollout document at"
                    + " {prefix}/rollouts/<route>; the rollout controller then advances, holds, completes or rolls"
                    + " back by itself. 'status' shows where rollouts are; 'pause', 'resume' and 'abort' steer one.",
        },
        subcommands = {
            RolloutStartCommand.class,
            RolloutStatusCommand.class,
            RolloutPauseCommand.class,
            RolloutResumeCommand.class,
            RolloutAbortCommand.class
        })
final class RolloutCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing command: start, status, pause, resume or abort");
    }
}
