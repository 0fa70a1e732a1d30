package dev.lambdarouter.rollout;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.testsupport.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** {@link RolloutNotifications} publishing to an SNS topic on moto_server (the SDK's query protocol on the wire). */
class RolloutNotificationsTest {

    private static MotoServer moto;
    private static SnsClient sns;
    private static final List<PublishRequest> SENT = new ArrayList<>();
    private static final List<PublishResponse> ANSWERED = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution call, ExecutionAttributes attributes) {
                if (call.request() instanceof PublishRequest publish) {
                    SENT.add(publish);
                    ANSWERED.add((PublishResponse) call.response());
                }
            }
        };
        sns = SnsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        moto.close();
    }

    @BeforeEach
    void reset() {
        moto.reset();
        SENT.clear();
        ANSWERED.clear();
    }

    @Test
    void aRollbackIsPublishedWithTheReasonTheNumbersAndTheWeights() {
        String topic = sns.createTopic(r -> r.name("rollouts")).topicArn();

        new RolloutNotifications(sns, topic)
                .recorded(Records.of(
                        DecisionKind.ROLLBACK,
                        RolloutOutcome.APPLIED,
                        "error rate 1.5% (3 of 200) above 1%",
                        Map.of("orders-v1", 100, "orders-v2", 0)));

        assertEquals(1, SENT.size());
        PublishRequest sent = SENT.get(0);
        assertAll(
                () -> assertEquals(topic, sent.topicArn()),
                () -> assertEquals("Rollout of route orders: rollback", sent.subject()),
                () -> assertTrue(sent.message().contains("Why: error rate 1.5% (3 of 200) above 1%"), sent.message()),
                () -> assertTrue(sent.message().contains("200 canary requests, 3 5xx, p99 120.0 ms"), sent.message()),
                () -> assertTrue(sent.message().contains("Weights published: "), sent.message()),
                () -> assertTrue(ANSWERED.get(0).messageId() != null, "moto accepted it"));
    }

    @Test
    void holdsAndRunsThatChangedNothingAreNotPublished() {
        String topic = sns.createTopic(r -> r.name("rollouts")).topicArn();
        RolloutNotifications notifications = new RolloutNotifications(sns, topic);

        notifications.recorded(Records.of(DecisionKind.HOLD, RolloutOutcome.APPLIED, "too few requests", null));
        notifications.recorded(Records.of(DecisionKind.ADVANCE, RolloutOutcome.STALE, "healthy", Map.of()));

        assertEquals(List.of(), SENT);
    }

    @Test
    void aTopicThatCannotBeReachedIsLoggedNotThrown() {
        RolloutNotifications notifications =
                new RolloutNotifications(sns, "arn:aws:sns:us-east-1:123456789012:no-such-topic");

        assertDoesNotThrow(() ->
                notifications.recorded(Records.of(DecisionKind.PAUSE, RolloutOutcome.APPLIED, "edited by hand", null)));
    }
}
