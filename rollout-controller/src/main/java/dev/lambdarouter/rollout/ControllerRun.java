package dev.lambdarouter.rollout;

import dev.lambdarouter.store.PublishResult;
import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutObservation;
import dev.lambdarouter.store.RolloutState;
import dev.lambdarouter.store.RolloutStore;
import dev.lambdarouter.store.RouteEditException;
import dev.lambdarouter.store.RouteWeights;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.StoredRollout;
import dev.lambdarouter.store.TablePublisher;
import dev.lambdarouter.store.WriteOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the controller: every rollout document read, and for each running one a decision made
 * ({@link RolloutDecider}) and applied. Applying writes the document first (only if it still has the revision this run
 * read: otherwise another writer was first and this run gives up), then publishes the weights through the same
 * validated path as the CLI ({@link TablePublisher#publishWeights}); a publish that fails pauses the rollout with the
 * reason. Holds are written too, so the document shows the last observation. Paused rollouts are only reported;
 * finished ones are ignored. One rollout failing does not stop the others.
 */
public final class ControllerRun {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerRun.class);

    private final RolloutStore rollouts;
    private final RoutingTableStore table;
    private final TablePublisher publisher;
    private final CanaryMetrics metrics;
    private final AlarmStates alarms;
    private final RolloutDecider decider;
    private final RolloutListener listener;
    private final Clock clock;

    ControllerRun(
            RolloutStore rollouts,
            RoutingTableStore table,
            TablePublisher publisher,
            CanaryMetrics metrics,
            AlarmStates alarms,
            RolloutDecider decider,
            RolloutListener listener,
            Clock clock) {
        this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
        this.table = Objects.requireNonNull(table, "table");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads every rollout and handles each active one; returns what became of each (also told to the listener). */
    public List<RolloutRecord> run() {
        List<RolloutRecord> records = new ArrayList<>();
        List<StoredRollout> stored = rollouts.readAll();
        SortedMap<String, String> routes = null;
        for (StoredRollout one : stored) {
            RolloutRecord record;
            if (one.document().isEmpty()) {
                record = failed(
                        one.route(),
                        null,
                        "unreadable rollout document " + one.parameter() + ": "
                                + one.problem().orElse("unknown problem"));
            } else {
                RolloutDocument doc = one.document().get();
                if (doc.state() == RolloutState.PAUSED) {
                    record = skipped(doc);
                } else if (doc.state() != RolloutState.RUNNING) {
                    continue;
                } else {
                    try {
                        if (routes == null) {
                            routes = table.readRoutes();
                        }
                        record = handle(doc, routes);
                    } catch (RuntimeException e) {
                        record = failed(doc.route(), doc, "could not decide: " + describe(e));
                    }
                }
            }
            records.add(record);
            try {
                listener.recorded(record);
            } catch (RuntimeException e) {
                // The decision stands; a log line, metric or message that could not be made must not stop the others.
                LOG.error("could not report the decision for route {}: {}", record.route(), describe(e), e);
            }
        }
        return records;
    }

    /**
     * Decides and applies the decision for one running rollout, as read (revision {@code doc.revision()}), against
     * the published {@code routes}.
     */
    RolloutRecord handle(RolloutDocument doc, SortedMap<String, String> routes) {
        Instant now = clock.instant();
        RolloutTerms terms = DocumentTerms.of(doc);
        Map<String, String> alarmStates = terms.alarms().isEmpty() ? Map.of() : alarms.of(terms.alarms());
        Map<String, Integer> live = liveWeights(routes, doc.route());
        Observation observation = metrics.observe(
                doc.route(), doc.canary(), new ArrayList<>(doc.baseline().keySet()), doc.stepStartedAt(), now);
        Decision decision = decider.decide(terms, now, live, observation, alarmStates);
        return apply(doc, terms, observation, decision, now);
    }

    private static Map<String, Integer> liveWeights(SortedMap<String, String> routes, String route) {
        try {
            return RouteWeights.current(routes, route);
        } catch (RouteEditException gone) { // RouteNotFoundException included
            return null;
        }
    }

    private RolloutRecord apply(
            RolloutDocument doc, RolloutTerms terms, Observation observation, Decision decision, Instant now) {
        RolloutObservation seen = observed(observation, terms, decision, now);
        int step = doc.step();
        RolloutDocument next = switch (decision.kind()) {
            case HOLD, REPUBLISH -> doc;
            case ADVANCE ->
                doc.transition(
                        RolloutEvent.Kind.ADVANCE,
                        RolloutState.RUNNING,
                        step + 1,
                        decision.publish(),
                        now,
                        decision.reason());
            case COMPLETE ->
                doc.transition(
                        RolloutEvent.Kind.COMPLETE,
                        RolloutState.COMPLETED,
                        step,
                        doc.expectedWeights(),
                        now,
                        decision.reason());
            case ROLLBACK ->
                doc.transition(
                        RolloutEvent.Kind.ROLLBACK,
                        RolloutState.ROLLED_BACK,
                        step,
                        decision.publish(),
                        now,
                        decision.reason());
            case PAUSE ->
                doc.transition(
                        RolloutEvent.Kind.PAUSE,
                        RolloutState.PAUSED,
                        step,
                        doc.expectedWeights(),
                        now,
                        decision.reason());
        };
        WriteOutcome outcome = rollouts.write(next.withObservation(seen), doc.revision());
        if (outcome instanceof WriteOutcome.Stale stale) {
            return record(
                    doc,
                    observation,
                    decision,
                    RolloutOutcome.STALE,
                    "another writer moved the rollout to revision " + stale.currentRevision() + " since this run read"
                            + " revision " + doc.revision() + "; gave up, nothing written",
                    null);
        }
        RolloutDocument written = ((WriteOutcome.Written) outcome).document();
        if (decision.publish() == null) {
            return record(written, observation, decision, RolloutOutcome.APPLIED, decision.reason(), null);
        }
        String failure = publish(doc.route(), decision.publish());
        if (failure == null) {
            return record(
                    written, observation, decision, RolloutOutcome.APPLIED, decision.reason(), decision.publish());
        }
        String why = "publishing " + decision.publish() + " for "
                + decision.kind().name().toLowerCase(Locale.ROOT) + " (" + decision.reason() + ") failed: " + failure;
        RolloutDocument paused = written.transition(
                RolloutEvent.Kind.PAUSE, RolloutState.PAUSED, written.step(), written.expectedWeights(), now, why);
        WriteOutcome pausedOutcome = rollouts.write(paused, written.revision());
        RolloutDocument after = pausedOutcome instanceof WriteOutcome.Written w ? w.document() : written;
        String detail = pausedOutcome instanceof WriteOutcome.Written
                ? why
                : why + "; and pausing the rollout found a newer revision: left as is";
        return record(after, observation, decision, RolloutOutcome.PUBLISH_FAILED, detail, null);
    }

    /** {@code null} when the weights are live; otherwise why not. */
    private String publish(String route, Map<String, Integer> weights) {
        try {
            PublishResult result = publisher.publishWeights(route, weights, true);
            return result.succeeded() ? null : String.join("; ", result.describe());
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private static RolloutObservation observed(
            Observation observation, RolloutTerms terms, Decision decision, Instant now) {
        Double baselineP99 = decision.baselineP99Ms() != null
                ? decision.baselineP99Ms()
                : observation.baselineP99Ms(terms.thresholds().minRequests());
        return new RolloutObservation(
                now,
                observation.windowStart(),
                observation.requests(),
                observation.errors(),
                observation.errorRatePercent(),
                observation.p99Ms(),
                observation.baselineRequests(),
                baselineP99,
                decision.kind().name().toLowerCase(Locale.ROOT),
                decision.reason());
    }

    private static RolloutRecord record(
            RolloutDocument doc,
            Observation observation,
            Decision decision,
            RolloutOutcome outcome,
            String detail,
            Map<String, Integer> weights) {
        return new RolloutRecord(
                doc.route(),
                doc.state().label(),
                doc.step() + 1,
                doc.steps().size(),
                doc.percent(),
                DocumentTerms.thresholds(doc),
                observation,
                decision,
                outcome,
                detail,
                weights,
                doc.revision());
    }

    private static RolloutRecord skipped(RolloutDocument doc) {
        return record(doc, null, null, RolloutOutcome.SKIPPED, "paused: " + doc.reason(), null);
    }

    private static RolloutRecord failed(String route, RolloutDocument doc, String why) {
        if (doc == null) {
            return new RolloutRecord(route, null, 0, 0, 0, null, null, null, RolloutOutcome.FAILED, why, null, 0);
        }
        return record(doc, null, null, RolloutOutcome.FAILED, why, null);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
