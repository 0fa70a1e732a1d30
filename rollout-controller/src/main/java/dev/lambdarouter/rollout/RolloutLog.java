package dev.lambdarouter.rollout;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured JSON line per rollout per run (Powertools log4j2 JSON layout, as the router's request log): the
 * decision, why, and the numbers it was made on next to their thresholds. Rollbacks, pauses and failures are
 * warnings; the rest is info.
 */
final class RolloutLog implements RolloutListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lambdarouter.rollout.decisions");

    @Override
    public void recorded(RolloutRecord r) {
        Observation o = r.observation();
        Thresholds t = r.thresholds();
        Decision d = r.decision();
        Object[] fields = {
            entry("route", r.route()),
            entry("state", r.state()),
            entry("step", r.step()),
            entry("steps", r.steps()),
            entry("percent", r.percent()),
            entry("decision", d == null ? null : d.kind().name().toLowerCase(Locale.ROOT)),
            entry("outcome", r.outcome().name().toLowerCase(Locale.ROOT)),
            entry("reason", r.detail()),
            entry("requests", o == null ? null : o.requests()),
            entry("errors", o == null ? null : o.errors()),
            entry("error_rate_percent", o == null ? null : o.errorRatePercent()),
            entry("p99_ms", o == null ? null : o.p99Ms()),
            entry("baseline_requests", o == null ? null : o.baselineRequests()),
            entry("baseline_p99_ms", o == null || t == null ? null : baselineP99(o, t, d)),
            entry("window_start", o == null ? null : o.windowStart().toString()),
            entry("max_error_rate_percent", t == null ? null : t.maxErrorRatePercent()),
            entry("max_p99_ms", t == null ? null : t.maxP99Ms()),
            entry("max_latency_ratio", t == null ? null : t.maxLatencyRatio()),
            entry("min_requests", t == null ? null : t.minRequests()),
            entry("weights", r.weights()),
            entry("revision", r.revision())
        };
        DecisionKind effect = r.effect();
        if (r.outcome() == RolloutOutcome.FAILED
                || r.outcome() == RolloutOutcome.STALE
                || effect == DecisionKind.ROLLBACK
                || effect == DecisionKind.PAUSE) {
            LOG.warn("rollout decision", fields);
        } else {
            LOG.info("rollout decision", fields);
        }
    }

    private static Double baselineP99(Observation o, Thresholds t, Decision d) {
        return d != null && d.baselineP99Ms() != null ? d.baselineP99Ms() : o.baselineP99Ms(t.minRequests());
    }
}
