package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = "{\"name\": \"orders\", \"priority\": 100,"
            + " \"match\": {\"hosts\": [\"shop.example.com\"], \"paths\": [{\"prefix\": \"/orders\"}]},"
            + " \"targets\": [{\"function\": \"orders-v1\", \"weight\": 90}, {\"function\": \"orders-v2\", \"weight\": 10},"
            + " {\"function\": \"orders-v3\", \"weight\": 0}],"
            + " \"stickiness\": {\"type\": \"header\", \"name\": \"x-user-id\"}, \"timeoutMs\": 3000,"
            + " \"retry\": {\"maxAttempts\": 3, \"functionErrors\": \"never\"}, \"fallback\": \"orders-sorry\","
            + " \"mirror\": {\"function\": \"orders-shadow\", \"percent\": 5}}";
    private static final String TEAM = "[{\"name\": \"orders-canary\", \"priority\": 50,"
            + " \"match\": {\"headers\": [{\"name\": \"x-canary\", \"exact\": \"true\"}]}, \"mode\": \"async\","
            + " \"targets\": [{\"function\": \"orders-v2\", \"weight\": 1}]},"
            + " {\"name\": \"maintenance\", \"priority\": 1, \"match\": {\"paths\": [{\"prefix\": \"/admin\"}]},"
            + " \"fixedResponse\": {\"status\": 503, \"contentType\": \"text/plain\", \"body\": \"later\"}}]";
    private static final Path EXAMPLES = Path.of("..", "examples", "routes");

    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @TempDir
    Path files;

    private void seedTable() {
        store.put(store.versionParameter(), "42");
        store.put(store.route("orders"), ORDERS);
        store.put(store.route("team/b"), TEAM);
    }

    private Path writeFiles() throws IOException {
        Files.writeString(files.resolve("orders.json"), ORDERS, StandardCharsets.UTF_8);
        Files.writeString(files.resolve("team.json"), TEAM, StandardCharsets.UTF_8);
        return files;
    }

    @Test
    void explainsTheLiveTablesWinnerItsCriteriaTheOtherRoutesAndTheStickyPick() {
        seedTable();

        CliRun run = store.run(
                "explain",
                "GET",
                "https://Shop.Example.com:8443/orders/42?debug=1",
                "-H",
                "X-User-Id: alice",
                "--source-ip",
                "10.1.2.3");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(
                "table      version 42 at endpoint " + store.endpoint() + " (region us-east-1), prefix "
                        + store.prefix() + " (3 routes)",
                lines.get(0));
        assertEquals(
                "           host shop.example.com, path /orders/42, query debug=1, source IP 10.1.2.3", lines.get(2));
        assertTrue(lines.contains("route      orders  (priority 100, " + store.route("orders") + ")"), run::toString);
        assertTrue(lines.contains("  held     hosts: shop.example.com"), run::toString);
        assertTrue(lines.contains("  held     paths: prefix /orders"), run::toString);
        assertTrue(lines.contains("other routes, in precedence order:"), run::toString);
        assertTrue(lines.contains("  priority 1   maintenance    failed paths: prefix /admin"), run::toString);
        assertTrue(lines.contains("  priority 50  orders-canary  failed headers: x-canary exact true"), run::toString);
        String target =
                lines.stream().filter(l -> l.startsWith("target ")).findFirst().orElseThrow();
        assertTrue(target.endsWith("(sticky:header)"), run::toString);
        assertTrue(
                run.out()
                        .contains("  why      sticky by header x-user-id = \"alice\": rendezvous order (highest score"
                                + " first), first available wins"),
                run::toString);
        assertTrue(lines.contains("  never    orders-v3 (weight 0)"), run::toString);
        assertTrue(
                lines.contains("timeout    3000 ms (the router's remaining time and the ALB idle timeout also bound"
                        + " the call)"),
                run::toString);
        assertTrue(lines.contains("retry      up to 3 attempts, backoff 50..1000 ms with full jitter"), run::toString);
        assertTrue(lines.contains("fallback   orders-sorry"), run::toString);
        assertTrue(
                lines.contains("mirror     orders-shadow: 5% of requests copied (Event invoke, fire-and-forget)"),
                run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void saysWhetherTheRoutesFaultInjectionConcernsTheRequest() throws Exception {
        store.put(store.versionParameter(), "43");
        store.put(store.route("rehearsal"), """
                {"name": "rehearsal", "priority": 10, "match": {"paths": [{"prefix": "/rehearsal"}]},
                 "targets": [{"function": "orders-v2", "weight": 1}],
                 "fault": {"abort": {"percent": 10, "status": 503}, "header": {"name": "x-fault", "value": "on"}}}""");

        CliRun faulted = store.run("explain", "GET", "https://shop.example.com/rehearsal", "-H", "X-Fault: on");
        CliRun spared = store.run("explain", "GET", "https://shop.example.com/rehearsal", "--json");

        assertEquals(RoutesCli.OK, faulted.exitCode(), faulted::toString);
        assertTrue(
                faulted.out()
                        .lines()
                        .toList()
                        .contains("fault      abort 10% with 503, only with header x-fault: on; applies to this"
                                + " request"),
                faulted::toString);
        JsonNode answer = JSON.readTree(spared.out());
        assertEquals(
                "abort 10% with 503, only with header x-fault: on",
                answer.at("/fault/describe").asText());
        assertFalse(answer.at("/fault/appliesToRequest").asBoolean(true), spared::toString);
    }

    @Test
    void jsonGivesTheSameAnswerAndItsTargetIsTheEnginesDecision() throws Exception {
        seedTable();

        CliRun run = store.run(
                "explain",
                "GET",
                "https://shop.example.com/orders/42",
                "--json",
                "--seed",
                "11",
                "--open-circuit",
                "orders-v2");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        JsonNode answer = JSON.readTree(run.out());
        assertEquals("parameter-store", answer.at("/table/source").asText());
        assertEquals("42", answer.at("/table/version").asText());
        assertEquals("orders", answer.at("/route/name").asText());
        assertEquals(
                List.of("maintenance:failed:paths", "orders-canary:failed:headers", "orders:winner:"),
                routeResults(answer));
        assertEquals("weighted", answer.get("how").asText());
        JsonNode pick = answer.get("pick");
        assertEquals("weighted", pick.get("kind").asText());
        assertEquals("header", pick.at("/stickyKeyMissing/kind").asText());
        assertEquals(90, pick.get("total").asLong());
        assertEquals(List.of("orders-v1", "orders-v2"), functions(pick.get("shares")));
        assertEquals(false, pick.at("/shares/1/available").asBoolean());
        assertEquals("orders-v1", pick.get("chosen").asText());
        assertEquals("orders-v1", answer.get("target").asText());
        assertEquals(List.of("orders-v3"), List.of(pick.at("/weightZero/0").asText()));
        assertEquals("sync", answer.get("mode").asText());
        assertEquals(3000, answer.get("timeoutMs").asInt());
        assertEquals("never", answer.at("/retry/functionErrors").asText());
        assertEquals("orders-sorry", answer.get("fallback").asText());
        assertEquals(5.0, answer.at("/mirror/percent").asDouble());
        assertTrue(answer.get("fixedResponse").isNull());
        assertTrue(answer.get("sample").isNull());

        // The engine the router runs, with the same table, request, generator state and open circuit.
        RoutingTable table = RoutingTable.compile(
                "42",
                List.of(
                        new RouteParameter(store.route("orders"), ORDERS),
                        new RouteParameter(store.route("team/b"), TEAM)));
        RoutingRequest request = new RoutingRequest("GET", "shop.example.com", "/orders/42", Map.of(), Map.of(), null);
        RouteDecision decision = table.route(request, new SplittableRandom(11), f -> !f.equals("orders-v2"))
                .orElseThrow();
        assertEquals(
                ((RouteDecision.Dispatch) decision).target().function(),
                answer.get("target").asText());
        long draw = pick.get("draw").asLong();
        assertTrue(
                draw >= pick.at("/shares/0/from").asLong()
                        && draw < pick.at("/shares/0/to").asLong(),
                run::toString);
    }

    @Test
    void explainsAgainstLocalFilesWithoutParameterStore() throws IOException {
        Path dir = writeFiles();

        CliRun run = CliRun.offline(
                "explain", "--file", dir.toString(), "GET", "https://shop.example.com/admin/users", "--json");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        JsonNode answer = JSON.readTree(run.out());
        assertEquals("files", answer.at("/table/source").asText());
        assertEquals(
                dir.resolve("orders.json") + ", " + dir.resolve("team.json"),
                answer.at("/table/location").asText());
        assertEquals("maintenance", answer.at("/route/name").asText());
        assertEquals("fixed", answer.get("how").asText());
        assertEquals("fixed", answer.get("mode").asText());
        assertEquals(503, answer.at("/fixedResponse/status").asInt());
        assertTrue(answer.get("target").isNull());
        assertTrue(answer.get("pick").isNull());
        assertEquals(
                List.of("maintenance:winner:", "orders-canary:failed:headers", "orders:failed:paths"),
                routeResults(answer));

        CliRun canary = CliRun.offline(
                "explain",
                "--file",
                dir.toString(),
                "GET",
                "https://shop.example.com/orders/1",
                "-H",
                "x-canary: true");

        assertEquals(RoutesCli.OK, canary.exitCode(), canary::toString);
        assertTrue(
                canary.out().contains("route      orders-canary  (priority 50, " + dir.resolve("team.json") + ")"),
                canary::toString);
        assertTrue(
                canary.out()
                        .contains(
                                "  priority 100  orders       also matches, but comes later in precedence" + " order"),
                canary::toString);
        assertTrue(canary.out().contains("target     orders-v2  (single)"), canary::toString);
        assertTrue(
                canary.out()
                        .contains(
                                "mode       async (Event invoke: the client gets 202 with the Lambda request" + " id)"),
                canary::toString);
    }

    @Test
    void theReadmeExampleAgainstExamplesRoutes() {
        CliRun run = CliRun.offline(
                "explain",
                "--file",
                EXAMPLES.toString(),
                "GET",
                "https://shop.example.com/orders/42?debug=1",
                "-H",
                "x-user-id: alice",
                "--source-ip",
                "10.1.2.3");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals("route      orders  (priority 100, " + EXAMPLES.resolve("orders.json") + ")", lines.get(5));
        assertEquals("  held     paths: prefix /orders", lines.get(6));
        assertEquals("other routes: none", lines.get(7));
        assertEquals("target     lambda-router-dev-orders-v1  (single)", lines.get(9));
        assertEquals("  why      the only target with weight > 0", lines.get(10));
        assertEquals("  never    lambda-router-dev-orders-v2 (weight 0)", lines.get(11));
    }

    @Test
    void sampleSpreadsRandomStickyKeysOverTheTargetsByWeight() throws IOException {
        Path dir = writeFiles();

        CliRun text = CliRun.offline(
                "explain",
                "-f",
                dir.toString(),
                "GET",
                "https://shop.example.com/orders/1",
                "--sample",
                "4000",
                "--seed",
                "3");
        CliRun json = CliRun.offline(
                "explain",
                "-f",
                dir.toString(),
                "GET",
                "https://shop.example.com/orders/1",
                "--sample",
                "4000",
                "--seed",
                "3",
                "--json");

        assertEquals(RoutesCli.OK, text.exitCode(), text::toString);
        assertTrue(
                text.out()
                        .contains("sample     4000 simulated requests, each with a random sticky key (header"
                                + " x-user-id); seed 3"),
                text::toString);
        JsonNode sample = JSON.readTree(json.out()).get("sample");
        assertEquals(4000, sample.get("requests").asInt());
        assertEquals("x-user-id", sample.at("/randomStickyKey/name").asText());
        int total = 0;
        List<String> seen = new ArrayList<>();
        for (JsonNode outcome : sample.get("outcomes")) {
            assertEquals("orders", outcome.get("route").asText());
            assertEquals("dispatch", outcome.get("decision").asText());
            seen.add(outcome.get("function").asText());
            total += outcome.get("count").asInt();
            String row = "  orders  " + outcome.get("function").asText();
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith(row)), text::toString);
        }
        assertEquals(4000, total);
        assertEquals(List.of("orders-v1", "orders-v2"), seen, "most first; weight 0 never");
        // Seeded, so this is a fixed outcome; about 90% (one standard deviation is under 0.5%).
        double share = sample.at("/outcomes/0/percent").asDouble();
        assertTrue(share > 88 && share < 92, "orders-v1 share " + share);
    }

    @Test
    void everyCircuitOpenMeansTheFallback() throws IOException {
        Path dir = writeFiles();

        CliRun run = CliRun.offline(
                "explain",
                "-f",
                dir.toString(),
                "GET",
                "https://shop.example.com/orders/1",
                "-H",
                "x-user-id: bob",
                "--open-circuit",
                "orders-v1",
                "--open-circuit",
                "orders-v2");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(
                run.out().contains("target     orders-sorry  (fallback: the route's fallback, no target is available)"),
                run::toString);
        assertTrue(run.out().contains("circuits   open (simulated): orders-v1, orders-v2"), run::toString);
        assertEquals(
                2, run.out().lines().filter(l -> l.endsWith("circuit open")).count(), run::toString);
    }

    @Test
    void noRouteSaysSoListsWhyEachRouteFailedAndExitsSix() throws Exception {
        seedTable();

        CliRun run = store.run("explain", "POST", "https://other.example.org/reports");
        CliRun json = store.run("explain", "POST", "https://other.example.org/reports", "--json");

        assertEquals(RoutesCli.NO_ROUTE, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.contains("route      NONE: no route matches; the router answers 404"), run::toString);
        assertTrue(lines.contains("routes, in precedence order:"), run::toString);
        assertTrue(lines.contains("  priority 1    maintenance    failed paths: prefix /admin"), run::toString);
        assertTrue(lines.contains("  priority 50   orders-canary  failed headers: x-canary exact true"), run::toString);
        assertTrue(lines.contains("  priority 100  orders         failed hosts: shop.example.com"), run::toString);
        assertEquals(RoutesCli.NO_ROUTE, json.exitCode(), json::toString);
        JsonNode answer = JSON.readTree(json.out());
        assertEquals(false, answer.get("routed").asBoolean());
        assertEquals("no-route", answer.get("how").asText());
        assertTrue(answer.get("route").isNull());
        assertEquals(
                List.of("maintenance:failed:paths", "orders-canary:failed:headers", "orders:failed:hosts"),
                routeResults(answer));
    }

    @Test
    void aTableTheRoutersRejectIsReportedNotExplained() {
        store.put(store.route("a"), "{\"name\": \"orders\", \"priority\": 100, \"targets\": []}");

        CliRun run = store.run("explain", "GET", "https://shop.example.com/orders/1");

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().contains("routers REJECT the unversioned table"), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhatIsWrong() throws IOException {
        Path dir = writeFiles();
        String f = dir.toString();

        assertUsage(
                "URL 'http://shop example.com/' is malformed",
                CliRun.offline("explain", "-f", f, "GET", "http://shop example.com/"));
        assertUsage(
                "URL '/orders/1' must be absolute with a host", CliRun.offline("explain", "-f", f, "GET", "/orders/1"));
        assertUsage(
                "-H 'x-user-id alice': expected 'name: value'",
                CliRun.offline("explain", "-f", f, "GET", "http://h/", "-H", "x-user-id alice"));
        assertUsage(
                "-H 'bad name: x': expected 'name: value'",
                CliRun.offline("explain", "-f", f, "GET", "http://h/", "-H", "bad name: x"));
        assertUsage(
                "--source-ip '10.1.2.300' is not an IPv4 or IPv6 address literal",
                CliRun.offline("explain", "-f", f, "GET", "http://h/", "--source-ip", "10.1.2.300"));
        assertUsage("method 'GE T' is not an HTTP method", CliRun.offline("explain", "-f", f, "GE T", "http://h/"));
        assertUsage(
                "--sample must be 1..10000000, got 0",
                CliRun.offline("explain", "-f", f, "GET", "http://h/", "--sample", "0"));
        assertUsage(
                "--cookie 'session': expected name=value",
                CliRun.offline("explain", "-f", f, "GET", "http://h/", "--cookie", "session"));
        assertUsage("Missing required parameter: 'URL'", CliRun.offline("explain", "-f", f, "GET"));
    }

    private static void assertUsage(String expected, CliRun run) {
        assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("routes: "), run::toString);
        assertTrue(run.err().contains(expected), () -> "expected '" + expected + "' in\n" + run);
        assertEquals("", run.out(), run::toString);
    }

    /** Each route as {@code name:result:first failed criterion}. */
    private static List<String> routeResults(JsonNode answer) {
        List<String> results = new ArrayList<>();
        for (JsonNode route : answer.get("routes")) {
            results.add(route.get("name").asText() + ":" + route.get("result").asText() + ":"
                    + route.at("/failed/criterion").asText());
        }
        return results;
    }

    private static List<String> functions(JsonNode targets) {
        List<String> functions = new ArrayList<>();
        targets.forEach(t -> functions.add(t.get("function").asText()));
        return functions;
    }
}
