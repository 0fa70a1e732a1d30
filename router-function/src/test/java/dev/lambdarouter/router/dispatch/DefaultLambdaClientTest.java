package dev.lambdarouter.router.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Responded;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@link LambdaDispatcher#defaultClient()} takes its endpoint, region and credentials from the environment, the way
 * it does in AWS and under {@code sam local}: here through the SDK's system-property equivalents of
 * {@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_REGION} and the access-key variables.
 */
class DefaultLambdaClientTest {

    @Test
    void endpointRegionAndCredentialsComeFromTheEnvironment() {
        try (FakeLambdaServer lambda = new FakeLambdaServer().start()) {
            lambda.register("orders", FakeLambdaServer.respond("{\"statusCode\":204}"));
            Map<String, String> saved = setProperties(Map.of(
                    "aws.endpointUrlLambda", lambda.endpoint().toString(),
                    "aws.region", "us-east-1",
                    "aws.accessKeyId", "test",
                    "aws.secretAccessKey", "test"));
            try (LambdaClient client = LambdaDispatcher.defaultClient()) {
                DispatchOutcome outcome = new LambdaDispatcher(client)
                        .dispatch(new Invocation(
                                "orders",
                                DispatchMode.SYNC,
                                "{}".getBytes(StandardCharsets.UTF_8),
                                Duration.ofSeconds(5)));

                Responded responded = assertInstanceOf(Responded.class, outcome);
                assertEquals("{\"statusCode\":204}", new String(responded.payload(), StandardCharsets.UTF_8));
                assertEquals(1, lambda.invocationsOf("orders").size());
            } finally {
                setProperties(saved);
            }
        }
    }

    /** Sets (or, for null values, clears) system properties and returns what they were before. */
    private static Map<String, String> setProperties(Map<String, String> properties) {
        Map<String, String> previous = new HashMap<>();
        properties.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        return previous;
    }
}
