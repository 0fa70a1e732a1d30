package dev.lambdarouter.rollout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The rollout controller Lambda's entry point ({@code dev.lambdarouter.rollout.RolloutControllerHandler::handleRequest}),
 * invoked by an EventBridge schedule (the event itself is ignored): one {@link ControllerRun} per invocation. SDK
 * clients from the default chains: region, credentials, and endpoints ({@code AWS_ENDPOINT_URL_SSM},
 * {@code AWS_ENDPOINT_URL_CLOUDWATCH}, {@code AWS_ENDPOINT_URL_SNS}) as the SDK reads them.
 */
public final class RolloutControllerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ControllerWiring wiring;

    /** Called by the Lambda runtime. */
    public RolloutControllerHandler() {
        this(ControllerSettings.fromEnvironment(System.getenv()));
    }

    private RolloutControllerHandler(ControllerSettings settings) {
        this(new ControllerWiring(
                settings,
                SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                CloudWatchClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                listeners(settings),
                Clock.systemUTC()));
    }

    /** The log line and the metric always; the SNS message when a topic is configured. */
    private static RolloutListener listeners(ControllerSettings settings) {
        RolloutListener log = new RolloutLog();
        RolloutListener metrics = new RolloutMetrics(settings.namespace(), settings.service());
        if (settings.topicArn() == null) {
            return RolloutListener.all(log, metrics);
        }
        SnsClient sns =
                SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        return RolloutListener.all(log, metrics, new RolloutNotifications(sns, settings.topicArn()));
    }

    RolloutControllerHandler(ControllerWiring wiring) {
        this.wiring = wiring;
    }

    /** Runs once; answers how many rollouts were seen and what became of them (e.g. {@code advance: 1}). */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return summary(wiring.newRun().run());
    }

    static Map<String, Object> summary(List<RolloutRecord> records) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rollouts", records.size());
        for (RolloutRecord record : records) {
            String key = record.effect() != null
                    ? record.effect().name().toLowerCase(Locale.ROOT)
                    : record.outcome().name().toLowerCase(Locale.ROOT);
            summary.merge(key, 1, (a, b) -> (Integer) a + (Integer) b);
        }
        return summary;
    }
}
