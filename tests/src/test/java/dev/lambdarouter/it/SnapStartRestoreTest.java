package dev.lambdarouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.testing.StoreProxy;
import dev.lambdarouter.testsupport.MotoServer;
import dev.lambdarouter.workers.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A SnapStart restore through the production handler, with Parameter Store served by moto_server (through a
 * proxy that can fall silent) and the router's own SSM call bounds: the restore hook reads nothing, and the first
 * request after it reads the store, waiting at most {@link RouterSettings#DEFAULT_CONFIG_LOAD_WAIT}.
 */
class SnapStartRestoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The wait, plus time for the handler to answer on a busy machine. */
    private static final Duration ANSWER_BOUND = RouterSettings.DEFAULT_CONFIG_LOAD_WAIT.plusSeconds(1);

    private static OrdersStack stack;
    private static MotoServer moto;
    private static SsmClient ssm;
    private static LambdaClient lambdaClient;

    @BeforeAll
    static void start() throws Exception {
        stack = OrdersStack.start();
        moto = stack.moto();
        ssm = stack.ssm();
        lambdaClient = stack.lambdaClient();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static void publish(String prefix, String function) {
        ssm.putParameter(b -> b.name(prefix + "/routes/orders")
                .value("""
                        {"name":"orders","priority":100,"match":{"paths":[{"prefix":"/orders"}]},
                         "targets":[{"function":"%s","weight":1}]}""".formatted(function))
                .type(ParameterType.STRING)
                .overwrite(true));
        ssm.putParameter(b -> b.name(prefix + "/version")
                .value("1")
                .type(ParameterType.STRING)
                .overwrite(true));
    }

    /** An SSM client as the router builds it (its call bounds), pointed at {@code endpoint}. */
    private static SsmClient routerSsmClient(URI endpoint) {
        return ParameterStoreRouteRepository.withCallLimits(SsmClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS)
                .build();
    }

    private static RouterHandler handler(String prefix, SsmClient client) {
        return new RouterHandler(RouterSettings.from(Map.of("ROUTER_CONFIG_PREFIX", prefix)), client, lambdaClient);
    }

    private static JsonNode get(RouterHandler handler, String path) throws Exception {
        String event = """
                {"httpMethod":"GET","path":"%s","headers":{"host":"api.example.com"},"body":"","isBase64Encoded":false}
                """.formatted(path);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
        return JSON.readTree(out.toByteArray());
    }

    private static String body(JsonNode response) {
        return response.get("statusCode").asInt() + " " + response.get("body").asText();
    }

    @Test
    void theFirstRequestAfterARestoreSeesTheTablePublishedSinceTheSnapshot() throws Exception {
        String prefix = "/lambda-router/restore-new";
        publish(prefix, "orders-v1");
        try (SsmClient client = routerSsmClient(moto.endpoint())) {
            RouterHandler handler = handler(prefix, client);
            assertEquals("200 orders-v1", body(get(handler, "/orders/1")), "a table in force before the snapshot");
            handler.beforeCheckpoint(null);
            publish(prefix, "orders-v2"); // same version marker, well within the 30 s TTL
            handler.afterRestore(null);
            assertEquals("200 orders-v2", body(get(handler, "/orders/1")));
        }
    }

    @Test
    void aRestoreBeforeAnyRequestLoadsTheTableOnTheFirstRequest() throws Exception {
        // What Lambda does: the snapshot is taken after init, before any request, so it holds no table.
        String prefix = "/lambda-router/restore-cold";
        publish(prefix, "orders-v2");
        try (SsmClient client = routerSsmClient(moto.endpoint())) {
            RouterHandler handler = handler(prefix, client);
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
            assertEquals("200 orders-v2", body(get(handler, "/orders/1")));
        }
    }

    @Test
    void withAStoreThatNeverAnswersTheFirstRequestGetsA503WithinTheWait() throws Exception {
        try (StoreProxy silentStore = StoreProxy.silent();
                SsmClient client = routerSsmClient(silentStore.endpoint())) {
            RouterHandler handler = handler("/lambda-router/restore-silent", client);
            handler.beforeCheckpoint(null);
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> handler.afterRestore(null));
            assertEquals(0, silentStore.connections(), "the restore hook opened a connection");

            JsonNode response = assertTimeoutPreemptively(ANSWER_BOUND, () -> get(handler, "/orders/1"));
            assertEquals(503, response.get("statusCode").asInt());
            JsonNode problem = JSON.readTree(response.get("body").asText());
            assertEquals(
                    "urn:lambda-router:problem:no-routing-table",
                    problem.get("type").asText());
            assertEquals(
                    "The router has no routing table yet: the routing configuration store did not answer within "
                            + RouterSettings.DEFAULT_CONFIG_LOAD_WAIT.toMillis() + " ms.",
                    problem.get("detail").asText());
        }
    }

    @Test
    void withAStoreThatFellSilentTheSnapshotTableServesWithinTheWait() throws Exception {
        String prefix = "/lambda-router/restore-stale";
        publish(prefix, "orders-v1");
        try (StoreProxy store = StoreProxy.forwardingTo(moto.endpoint());
                SsmClient client = routerSsmClient(store.endpoint())) {
            RouterHandler handler = handler(prefix, client);
            assertEquals("200 orders-v1", body(get(handler, "/orders/1")));
            handler.beforeCheckpoint(null);
            store.goSilent();
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> handler.afterRestore(null));

            JsonNode response = assertTimeoutPreemptively(ANSWER_BOUND, () -> get(handler, "/orders/1"));
            assertEquals("200 orders-v1", body(response), "the last known good table, logged as stale");
        }
    }
}
