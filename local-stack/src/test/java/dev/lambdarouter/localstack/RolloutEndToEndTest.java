package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.cli.RoutesCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The whole progressive-delivery loop on the local stack, as the README's demo runs it: the project's template (router,
 * workers, rollout controller on its schedule, shortened), a fault injected into orders v2 (half its requests answer
 * 503 before any invoke), a rollout to v2 started with the operator CLI, traffic through the local ALB. The router's
 * EMF lines become the stack's CloudWatch metrics, the controller reads them with {@code GetMetricData} and rolls the
 * canary back by itself: the document says {@code rolled-back} with the error rate, and v2's weight is 0 again.
 */
class RolloutEndToEndTest {

    private static final String PREFIX = "/lambda-router/dev";
    private static final String ROUTE_PARAMETER = PREFIX + "/routes/orders";
    private static final String ROLLOUT_PARAMETER = PREFIX + "/rollouts/orders";
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    private final Queue<String> console = new ConcurrentLinkedQueue<>();

    @Test
    void aFailingCanaryIsRolledBackByTheControllerOnItsOwn() throws Exception {
        ProjectZips.requireBuilt();
        StackSettings settings = new StackSettings(
                ProjectZips.template(),
                ProjectZips.projectRoot(),
                scratch.resolve("parameters.json"),
                0,
                0,
                0,
                0,
                "us-east-1",
                8,
                Duration.ofSeconds(60),
                Map.of(),
                Map.of("RouterFunction", Map.of("ROUTER_CONFIG_TTL_SECONDS", "1", "ROUTER_CONFIG_JITTER_SECONDS", "0")),
                Map.of(),
                List.of(),
                true,
                Duration.ofSeconds(2));
        try (RunningStack stack = RunningStack.start(settings, console::add);
                SsmClient ssm = SsmClient.builder()
                        .endpointOverride(stack.ssmEndpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String v1 = function("OrdersV1Function");
            String v2 = function("OrdersV2Function");

            // Orders v2 made to fail: half its requests answer 503 before any invoke.
            ObjectNode route = (ObjectNode) JSON.readTree(read(ssm, ROUTE_PARAMETER));
            route.set(
                    "fault",
                    JSON.readTree("{\"abort\": {\"percent\": 50, \"status\": 503}, \"target\": \"" + v2 + "\"}"));
            ssm.putParameter(r -> r.name(ROUTE_PARAMETER)
                    .value(route.toString())
                    .type(ParameterType.STRING)
                    .overwrite(true));
            ssm.putParameter(r -> r.name(PREFIX + "/version")
                    .value("with-fault")
                    .type(ParameterType.STRING)
                    .overwrite(true));

            long started = System.nanoTime();
            CliResult start = cli(
                    stack,
                    "rollout",
                    "start",
                    "--route",
                    "orders",
                    "--to",
                    v2,
                    "--steps",
                    "20,50,100",
                    "--step-interval",
                    "30s",
                    "--max-error-rate",
                    "5%",
                    "--min-requests",
                    "10");
            assertEquals(0, start.exitCode(), start.toString());

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Map<Integer, Integer> statuses = new HashMap<>();
            JsonNode rollout = JSON.readTree(read(ssm, ROLLOUT_PARAMETER));
            long deadline = started + BOUND.toNanos();
            int sent = 0;
            while (!"rolled-back".equals(rollout.path("state").asText())) {
                if (System.nanoTime() > deadline) {
                    fail("no rollback within " + BOUND + " after " + sent + " requests " + statuses + "; rollout "
                            + rollout.toPrettyString() + "\nconsole:\n" + String.join("\n", console));
                }
                for (int i = 0; i < 20; i++, sent++) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(stack.albEndpoint().resolve("/orders/" + sent))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                }
                rollout = JSON.readTree(read(ssm, ROLLOUT_PARAMETER));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("rolled back %.1f s after 'rollout start', %d requests %s%n", seconds, sent, statuses);

            assertTrue(
                    rollout.path("reason").asText().contains("error rate"),
                    "the reason names the error rate: " + rollout.toPrettyString());
            // The controller writes the document first, then publishes the weights: the route follows at once.
            Map<String, Integer> live = weights(ssm);
            while (live.get(v2) != 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                live = weights(ssm);
            }
            assertEquals(
                    0,
                    live.get(v2),
                    "the canary's weight is back to 0: " + live + "\nconsole:\n" + String.join("\n", console));
            assertTrue(live.get(v1) > 0, "the baseline takes the traffic again: " + live);
            // The decision's log line is printed once the weights are published.
            while (console.stream().noneMatch(RolloutEndToEndTest::rollbackLine) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(
                    console.stream().anyMatch(RolloutEndToEndTest::rollbackLine),
                    "the controller logged its decision with the numbers; console:\n" + String.join("\n", console));
            assertTrue(statuses.getOrDefault(503, 0) > 0, "the fault answered 503s: " + statuses);
        }
    }

    private static boolean rollbackLine(String line) {
        return line.contains("\"decision\":\"rollback\"") && line.contains("\"error_rate_percent\"");
    }

    private static Map<String, Integer> weights(SsmClient ssm) throws Exception {
        Map<String, Integer> live = new HashMap<>();
        JSON.readTree(read(ssm, ROUTE_PARAMETER))
                .path("targets")
                .forEach(t ->
                        live.put(t.path("function").asText(), t.path("weight").asInt()));
        return live;
    }

    private static String function(String logicalId) throws Exception {
        return ProjectZips.load().functions().stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow()
                .functionName();
    }

    private static String read(SsmClient ssm, String name) {
        try {
            return ssm.getParameter(r -> r.name(name)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return "{}";
        }
    }

    private static CliResult cli(RunningStack stack, String... args) {
        System.setProperty("aws.accessKeyId", "a");
        System.setProperty("aws.secretAccessKey", "b");
        CommandLine commandLine = RoutesCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        URI endpoint = stack.ssmEndpoint();
        all[args.length] = "--endpoint-url";
        all[args.length + 1] = endpoint.toString();
        all[args.length + 2] = "--region";
        all[args.length + 3] = "us-east-1";
        all[args.length + 4] = "--prefix";
        all[args.length + 5] = PREFIX;
        int exitCode = commandLine.execute(all);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    private record CliResult(int exitCode, String out, String err) {}
}
