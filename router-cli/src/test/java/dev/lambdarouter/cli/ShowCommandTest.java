package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShowCommandTest {
    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    private void seedTable() {
        store.put(store.versionParameter(), "42");
        store.put(
                store.route("a"),
                "{\"name\": \"orders\", \"priority\": 100, \"targets\": ["
                        + "{\"function\": \"orders-v1\", \"weight\": 90}, {\"function\": \"orders-v2\", \"weight\": 10}]}");
        store.put(
                store.route("team/b"),
                "[{\"name\": \"orders-canary\", \"priority\": 50, \"mode\": \"async\","
                        + " \"match\": {\"headers\": [{\"name\": \"x-canary\", \"exact\": \"true\"}]},"
                        + " \"targets\": [{\"function\": \"orders-v2\", \"weight\": 1}]},"
                        + " {\"name\": \"maintenance\", \"priority\": 1, \"match\": {\"paths\": [{\"prefix\": \"/admin\"}]},"
                        + " \"fixedResponse\": {\"status\": 503, \"contentType\": \"text/plain\", \"body\": \"later\"}}]");
    }

    @Test
    void printsTheVersionAndTheRoutesInPrecedenceOrder() {
        seedTable();

        CliRun run = store.run("show");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals("version 42  (" + store.versionParameter() + ")", lines.get(0));
        assertEquals(
                "routers accept version 42 (no allowlist: " + store.allowedFunctionsParameter() + " is absent)",
                lines.get(1));
        assertEquals(
                "3 route(s) in 2 parameter(s) under " + store.prefix() + "/routes/, in precedence order", lines.get(2));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(4, lines.size())) {
            rows.add(List.of(line.split(" {2,}")));
        }
        assertEquals(
                List.of(
                        List.of("PRIORITY", "NAME", "MODE", "TARGETS", "ORIGIN"),
                        List.of("1", "maintenance", "fixed", "fixed response 503", store.route("team/b")),
                        List.of("50", "orders-canary", "async", "orders-v2=1", store.route("team/b")),
                        List.of("100", "orders", "sync", "orders-v1=90, orders-v2=10", store.route("a"))),
                rows);
    }

    @Test
    void jsonOutputCarriesTheSameTable() throws IOException {
        seedTable();

        CliRun run = store.run("show", "--json");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("42", report.get("version").asText());
        assertTrue(report.get("accepted").asBoolean(), run::toString);
        assertEquals(0, report.get("problems").size(), run::toString);
        assertTrue(report.get("allowedFunctions").isNull(), run::toString);
        List<String> names = new ArrayList<>();
        report.get("routes").forEach(route -> names.add(route.get("name").asText()));
        assertEquals(List.of("maintenance", "orders-canary", "orders"), names);
        JsonNode orders = report.get("routes").get(2);
        assertEquals(
                new ObjectMapper()
                        .readTree("[{\"function\": \"orders-v1\", \"weight\": 90},"
                                + " {\"function\": \"orders-v2\", \"weight\": 10}]"),
                orders.get("targets"));
        assertEquals(store.route("a"), orders.get("origin").asText());
        assertEquals(
                503,
                report.get("routes").get(0).get("fixedResponse").get("status").asInt());
        assertEquals("fixed", report.get("routes").get(0).get("mode").asText());
        assertEquals("async", report.get("routes").get(1).get("mode").asText());
    }

    @Test
    void anInvalidTableIsReportedWithItsProblems() {
        store.put(store.route("a"), "{\"name\": \"orders\", \"priority\": 100, \"targets\": []}");

        CliRun run = store.run("show");

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("routers REJECT the unversioned table and keep the last good table: 1 problem"),
                run::toString);
        assertTrue(run.err().contains(store.route("a") + ": route 'orders'"), run::toString);
    }

    @Test
    void anEmptyPrefixShowsNoRoutes() {
        CliRun run = store.run("show");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertEquals(
                "version (absent)  (" + store.versionParameter() + ")\nrouters accept the unversioned table (no"
                        + " allowlist: " + store.allowedFunctionsParameter() + " is absent)\nno routes under "
                        + store.prefix() + "/routes/\n",
                run.out());
    }

    @Test
    void aHandEditNamingAFunctionOutsideTheStacksAllowlistIsShownAsRejected() throws IOException {
        seedTable();
        store.put(store.allowedFunctionsParameter(), "orders-v1,orders-v2");
        CliRun accepted = store.run("show");
        // An edit with the plain AWS CLI, bypassing publish's checks.
        store.put(
                store.route("a"),
                "{\"name\": \"orders\", \"priority\": 100, \"targets\": [{\"function\": \"billing\", \"weight\": 1}]}");
        store.put(store.versionParameter(), "43");

        CliRun rejected = store.run("show");
        CliRun rejectedJson = store.run("show", "--json");

        assertEquals(RoutesCli.OK, accepted.exitCode(), accepted::toString);
        assertEquals(
                "routers accept version 42 (allowlist " + store.allowedFunctionsParameter() + ": 2 functions)",
                accepted.out().lines().toList().get(1));
        assertEquals(RoutesCli.INVALID_CONFIG, rejected.exitCode(), rejected::toString);
        List<String> lines = rejected.err().lines().toList();
        assertEquals("version 43  (" + store.versionParameter() + ")", lines.get(0), rejected::toString);
        assertEquals(
                "routers REJECT version 43 and keep the last good table: 1 problem", lines.get(1), rejected::toString);
        assertTrue(
                lines.get(2)
                        .contains(store.route("a") + ": route 'orders': target function 'billing' is not an"
                                + " allowed function"),
                rejected::toString);
        assertEquals("", rejected.out(), rejected::toString);
        assertEquals(RoutesCli.INVALID_CONFIG, rejectedJson.exitCode(), rejectedJson::toString);
        JsonNode report = new ObjectMapper().readTree(rejectedJson.out());
        assertEquals("43", report.get("version").asText());
        assertEquals(false, report.get("accepted").asBoolean());
        assertEquals(1, report.get("problems").size());
        assertEquals("orders-v1,orders-v2", report.get("allowedFunctions").asText());
    }
}
