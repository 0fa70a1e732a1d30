package dev.lambdarouter.rollout;

import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * An SNS message per decision that moved a rollout (advance, complete, rollback, pause), to {@code ROLLOUT_TOPIC_ARN}.
 * Holds, stale runs and failures are not sent (the log has them). A failed publish is logged, not thrown: the
 * decision stands either way.
 */
final class RolloutNotifications implements RolloutListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lambdarouter.rollout.notifications");
    /** SNS subjects are at most 100 characters. */
    private static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    RolloutNotifications(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public void recorded(RolloutRecord record) {
        DecisionKind effect = record.effect();
        if (effect == null || effect == DecisionKind.HOLD) {
            return;
        }
        String event = effect.name().toLowerCase(Locale.ROOT);
        String subject = "Rollout of route " + record.route() + ": " + event;
        try {
            sns.publish(r -> r.topicArn(topicArn)
                    .subject(subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject)
                    .message(message(record, event)));
        } catch (SdkException e) {
            LOG.warn(
                    "could not notify {} of the rollout decision for route {}: {}",
                    topicArn,
                    record.route(),
                    e.getMessage());
        }
    }

    static String message(RolloutRecord record, String event) {
        StringBuilder text = new StringBuilder()
                .append("Route ")
                .append(record.route())
                .append(": ")
                .append(event)
                .append(" (state ")
                .append(record.state())
                .append(", step ")
                .append(record.step())
                .append(" of ")
                .append(record.steps())
                .append(", canary at ")
                .append(record.percent())
                .append("%).\n")
                .append("Why: ")
                .append(record.detail())
                .append('\n');
        if (record.weights() != null) {
            text.append("Weights published: ").append(record.weights()).append('\n');
        }
        Observation o = record.observation();
        if (o != null) {
            text.append("Observed since ")
                    .append(o.windowStart())
                    .append(": ")
                    .append(o.requests())
                    .append(" canary requests, ")
                    .append(o.errors())
                    .append(" 5xx, p99 ")
                    .append(o.p99Ms() == null ? "n/a" : o.p99Ms() + " ms")
                    .append("; baseline ")
                    .append(o.baselineRequests())
                    .append(" requests.\n");
        }
        text.append("Details: routes rollout status --route ")
                .append(record.route())
                .append('\n');
        return text.toString();
    }
}
