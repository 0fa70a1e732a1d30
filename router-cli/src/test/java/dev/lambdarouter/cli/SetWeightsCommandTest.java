package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SetWeightsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "lambda-router-prod-orders-v1";
    private static final String V2 = "lambda-router-prod-orders-v2";
    private static final String CHECKOUT = """
      [
        {
          "name": "orders-canary",
          "priority": 50,
          "match": {"paths": [{"prefix": "/orders"}], "headers": [{"name": "x-canary", "exact": "true"}]},
          "targets": [{"function": "lambda-router-prod-orders-v2", "weight": 10}]
        },
        {
          "name": "orders",
          "priority": 100,
          "match": {"paths": [{"prefix": "/orders"}], "methods": ["GET", "POST"]},
          "mode": "sync",
          "targets": [
            {"function": "lambda-router-prod-orders-v1", "weight": 90},
            {"function": "lambda-router-prod-orders-v2", "weight": 10}
          ],
          "stickiness": {"type": "header", "name": "x-user-id"},
          "timeoutMs": 8000,
          "retry": {"maxAttempts": 2, "functionErrors": "never"},
          "fallback": "lambda-router-prod-orders-v1"
        }
      ]
      """;

    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @BeforeEach
    void seed() {
        store.put(store.route("checkout"), CHECKOUT);
        store.put(store.versionParameter(), "7");
    }

    private static JsonNode tree(String value) throws IOException {
        return JSON.readTree(value);
    }

    private static void setWeight(JsonNode route, String function, int weight) {
        for (JsonNode target : route.get("targets")) {
            if (target.get("function").asText().equals(function)) {
                ((ObjectNode) target).put("weight", weight);
            }
        }
    }

    @Test
    void changesOnlyTheGivenWeightsThenBumpsTheVersion() throws IOException {
        CliRun run = store.run("set-weights", "--route", "orders", V1 + "=50", V2 + "=50");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        JsonNode expected = tree(CHECKOUT);
        setWeight(expected.get(1), V1, 50);
        setWeight(expected.get(1), V2, 50);
        String written = store.value(store.route("checkout")).orElseThrow();
        assertEquals(expected, tree(written));
        assertTrue(
                written.contains("\n    \"targets\": [\n      {\"function\": \"" + V1 + "\", \"weight\": 50},\n"),
                written);
        assertEquals(List.of(store.route("checkout"), store.versionParameter()), store.puts());
        assertTrue(Long.parseLong(store.value(store.versionParameter()).orElseThrow()) > 7);
        assertTrue(run.out().contains(V1 + " 90 -> 50, " + V2 + " 10 -> 50"), run::toString);
    }

    @Test
    void aCompactValueStaysCompact() throws IOException {
        String compact = "{\"name\":\"reports\",\"priority\":200,\"mode\":\"async\",\"targets\":[{\"function\":\"a\","
                + "\"weight\":1},{\"function\":\"b\",\"weight\":0}]}";
        store.put(store.route("reports"), compact);

        CliRun run = store.run("set-weights", "--route", "reports", "a=0", "b=100");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        String written = store.value(store.route("reports")).orElseThrow();
        assertEquals(
                compact.replace("\"weight\":1", "\"weight\":0").replace("\"weight\":0}]", "\"weight\":100}]"), written);
    }

    @Test
    void aFunctionThatIsNotATargetIsAUsageErrorUnlessAdded() throws IOException {
        CliRun refused = store.run("set-weights", "--route", "orders-canary", "orders-v3=5");
        List<String> putsOfRefused = store.puts();
        CliRun added = store.run("set-weights", "--route", "orders-canary", "--add", "orders-v3=5");

        assertEquals(RoutesCli.USAGE, refused.exitCode(), refused::toString);
        assertTrue(
                refused.err()
                        .contains("route 'orders-canary' has no target orders-v3 (targets: " + V2 + "); use --add"),
                refused::toString);
        assertEquals(List.of(), putsOfRefused);
        assertEquals(RoutesCli.OK, added.exitCode(), added::toString);
        JsonNode canary =
                tree(store.value(store.route("checkout")).orElseThrow()).get(0);
        assertEquals(
                tree("[{\"function\": \"" + V2 + "\", \"weight\": 10}, {\"function\": \"orders-v3\","
                        + " \"weight\": 5}]"),
                canary.get("targets"));
        assertEquals(List.of(store.route("checkout"), store.versionParameter()), store.puts());
    }

    @Test
    void weightsThatWouldInvalidateTheTableWriteNothing() {
        CliRun run = store.run("set-weights", "--route", "orders", V1 + "=0", V2 + "=0");

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().contains("route 'orders'"), run::toString);
        assertEquals(List.of(), store.puts());
        assertEquals(Optional.of(CHECKOUT), store.value(store.route("checkout")));
        assertEquals(Optional.of("7"), store.value(store.versionParameter()));
    }

    @Test
    void unchangedWeightsWriteNothing() {
        CliRun run = store.run("set-weights", "--route", "orders", V1 + "=90");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("nothing to change"), run::toString);
        assertEquals(List.of(), store.puts());
    }

    @Test
    void unknownRoutesAndMalformedWeightsAreUsageErrors() {
        CliRun unknownRoute = store.run("set-weights", "--route", "payments", V1 + "=50");
        CliRun negative = store.run("set-weights", "--route", "orders", V1 + "=-1");
        CliRun notANumber = store.run("set-weights", "--route", "orders", V1 + "=half");
        CliRun noWeight = store.run("set-weights", "--route", "orders", V1);
        CliRun noRoute = store.run("set-weights", V1 + "=50");

        assertEquals(RoutesCli.USAGE, unknownRoute.exitCode(), unknownRoute::toString);
        assertTrue(
                unknownRoute
                        .err()
                        .contains("no route 'payments' under " + store.prefix()
                                + "/routes/ (routes: orders, orders-canary)"),
                unknownRoute::toString);
        for (CliRun run : List.of(negative, notANumber, noWeight, noRoute)) {
            assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
            assertFalse(run.err().contains("\tat "), run::toString);
        }
        assertEquals(List.of(), store.puts());
    }

    @Test
    void addingAFunctionOutsideTheStacksAllowlistIsRefused() {
        store.put(store.allowedFunctionsParameter(), V1 + "," + V2);

        CliRun refused = store.run(
                Map.of("ROUTER_ALLOWED_FUNCTIONS", V1 + "," + V2 + ",orders-v3"),
                "set-weights",
                "--route",
                "orders-canary",
                "--add",
                "orders-v3=5");
        List<String> putsOfRefused = store.puts();
        CliRun allowed = store.run("set-weights", "--route", "orders", V1 + "=80", V2 + "=20");

        assertEquals(RoutesCli.INVALID_CONFIG, refused.exitCode(), refused::toString);
        assertTrue(
                refused.err().contains("route 'orders-canary': target function 'orders-v3' is not an allowed function"),
                refused::toString);
        assertEquals(List.of(), putsOfRefused);
        assertEquals(RoutesCli.OK, allowed.exitCode(), allowed::toString);
        assertTrue(
                allowed.out()
                        .contains("writing to endpoint " + store.endpoint() + " (region us-east-1), prefix "
                                + store.prefix()),
                allowed::toString);
        assertEquals(List.of(store.route("checkout"), store.versionParameter()), store.puts());
    }
}
