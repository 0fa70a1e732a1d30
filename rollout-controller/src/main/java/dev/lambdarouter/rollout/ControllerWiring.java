package dev.lambdarouter.rollout;

import dev.lambdarouter.store.RolloutStore;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.TablePublisher;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Everything a run needs, built once per Lambda environment: the stores, the readers, the decider, the listener. */
final class ControllerWiring {

    private final RolloutStore rollouts;
    private final RoutingTableStore table;
    private final TablePublisher publisher;
    private final CanaryMetrics metrics;
    private final AlarmStates alarms;
    private final RolloutDecider decider = new RolloutDecider();
    private final RolloutListener listener;
    private final Clock clock;

    ControllerWiring(
            ControllerSettings settings,
            SsmClient ssm,
            CloudWatchClient cloudWatch,
            RolloutListener listener,
            Clock clock) {
        this.rollouts = new RolloutStore(ssm, settings.layout());
        this.table = new RoutingTableStore(ssm, settings.layout());
        this.publisher = new TablePublisher(table, clock);
        this.metrics = new CanaryMetrics(cloudWatch, settings.namespace(), settings.service());
        this.alarms = new AlarmStates(cloudWatch);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ControllerRun newRun() {
        return new ControllerRun(rollouts, table, publisher, metrics, alarms, decider, listener, clock);
    }
}
