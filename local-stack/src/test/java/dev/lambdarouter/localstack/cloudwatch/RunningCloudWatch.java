package dev.lambdarouter.localstack.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A local CloudWatch on a free loopback port with two alarms ({@code orders-canary-errors} with a template-style
 * text threshold, {@code router-5xx}), its console, and a real SDK v2 client for it, fresh for each test:
 * {@code @RegisterExtension final RunningCloudWatch cloudWatch = new RunningCloudWatch();}.
 */
final class RunningCloudWatch implements BeforeEachCallback, AfterEachCallback {
    private final List<String> console = new CopyOnWriteArrayList<>();
    private LocalCloudWatch server;
    private CloudWatchClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ObjectNode canary = JsonNodeFactory.instance
                .objectNode()
                .put("AlarmName", "orders-canary-errors")
                .put("Namespace", "LambdaRouter")
                .put("MetricName", "Status5xx")
                .put("Statistic", "Sum")
                .put("Period", 60)
                .put("EvaluationPeriods", "2")
                .put("Threshold", "5")
                .put("ComparisonOperator", "GreaterThanThreshold");
        ObjectNode router = JsonNodeFactory.instance.objectNode().put("AlarmName", "router-5xx");
        server = new LocalCloudWatch(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("orders-canary-errors", canary, "router-5xx", router),
                new LocalAccount("us-east-1", LocalAccount.DEFAULT_ACCOUNT_ID, "test"),
                console::add);
        client = CloudWatchClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.close();
    }

    URI endpoint() {
        return server.endpoint();
    }

    CloudWatchClient client() {
        return client;
    }

    /** The functions' console as the stack wires it: EMF lines become metrics of this CloudWatch. */
    ConsoleLog functionConsole() {
        return new EmfIngestion(console::add, server.metrics());
    }

    /** What was printed, in order. */
    List<String> console() {
        return console;
    }
}
