package dev.lambdarouter.rollout;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerSettingsTest {

    @Test
    void readsThePrefixTheRoutersMetricsAndTheTopic() {
        ControllerSettings settings = ControllerSettings.fromEnvironment(Map.of(
                "ROUTER_CONFIG_PREFIX", "/lambda-router/prod",
                "ROLLOUT_METRICS_NAMESPACE", "Routers",
                "ROLLOUT_METRICS_SERVICE", "lambda-router-prod",
                "ROLLOUT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:on-call"));
        assertAll(
                () -> assertEquals("/lambda-router/prod", settings.layout().prefix()),
                () -> assertEquals("Routers", settings.namespace()),
                () -> assertEquals("lambda-router-prod", settings.service()),
                () -> assertEquals("arn:aws:sns:eu-west-1:123456789012:on-call", settings.topicArn()));
    }

    @Test
    void defaultsAreTheRoutersAndNoTopic() {
        ControllerSettings settings = ControllerSettings.fromEnvironment(Map.of("ROLLOUT_TOPIC_ARN", " "));
        assertAll(
                () -> assertEquals("/lambda-router/dev", settings.layout().prefix()),
                () -> assertEquals("LambdaRouter", settings.namespace()),
                () -> assertEquals("lambda-router", settings.service()),
                () -> assertNull(settings.topicArn()));
    }

    @Test
    void aBadPrefixSaysWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ControllerSettings.fromEnvironment(Map.of("ROUTER_CONFIG_PREFIX", "lambda-router/")));
        assertEquals(
                "ROUTER_CONFIG_PREFIX is 'lambda-router/': it must start with '/' and must not end with '/'",
                e.getMessage());
    }
}
