package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sampling error of a share near 0.15 over 100,000 keys is about 0.0011: 0.01 is a ~9 sigma bound. */
    private static final double TOLERANCE = 0.01;

    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** The orders route with targets ("function=weight") and optional stickiness JSON. */
    static String orders(String stickiness, String... targets) {
        StringBuilder json = new StringBuilder(
                "{\"name\": \"orders\", \"priority\": 100, \"match\": {\"paths\": [{\"prefix\": \"/orders\"}]},"
                        + " \"targets\": [");
        for (int i = 0; i < targets.length; i++) {
            String[] parts = targets[i].split("=", -1);
            json.append(i == 0 ? "" : ", ")
                    .append("{\"function\": \"")
                    .append(parts[0])
                    .append("\", \"weight\": ")
                    .append(parts[1])
                    .append('}');
        }
        json.append(']');
        if (stickiness != null) {
            json.append(", \"stickiness\": ").append(stickiness);
        }
        return json.append("}\n").toString();
    }

    private static final String STICKY = "{\"type\": \"header\", \"name\": \"x-user-id\"}";

    @Test
    void filesAgainstTheLiveTableShowAddedRemovedAndChangedFieldsAndTheTrafficThatMoves() throws IOException {
        store.put(store.route("orders"), orders(null, "orders-v1=90", "orders-v2=10"));
        store.put(
                store.route("legacy"),
                "{\"name\": \"legacy\", \"priority\": 300, \"targets\": [{\"function\": \"old\"}]}");
        store.put(store.versionParameter(), "7");
        Path orders = file(
                "orders.json", orders(null, "orders-v1=75", "orders-v2=25").replace("\"/orders\"", "\"/orders/\""));
        Path canary = file(
                "canary.json",
                "{\"name\": \"canary\", \"priority\": 50, \"targets\": [{\"function\": \"orders-v2\"}]}");
        Path legacy = file("legacy.json", "[]");

        CliRun run = store.run("diff", orders.toString(), canary.toString(), legacy.toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(
                "diff from the live table (" + store.prefix() + "/routes/, version 7)", lines.get(0), run::toString);
        assertEquals(
                List.of(
                        "~ orders  (" + store.route("orders") + ")",
                        "    match.paths[0].prefix: \"/orders\" -> \"/orders/\"",
                        "    targets[orders-v1].weight: 90 -> 75",
                        "    targets[orders-v2].weight: 10 -> 25",
                        "    requests that move: 15.0%",
                        "      orders-v1 -> orders-v2: 15.0%",
                        "+ canary  (" + store.route("canary") + ")",
                        "    {\"name\":\"canary\",\"priority\":50,\"targets\":[{\"function\":\"orders-v2\"}]}",
                        "- legacy  (" + store.route("legacy") + ")",
                        "1 changed, 1 added, 1 removed"),
                lines.subList(2, lines.size()),
                run::toString);
        assertEquals(List.of(), store.puts(), "diff writes nothing");
    }

    @Test
    void aTargetAddedAndOneEmptiedMoveTrafficFromEachLoserToEachGainerInProportion() throws IOException {
        store.put(store.route("orders"), orders(null, "a=50", "b=50"));
        Path next = file("orders.json", orders(null, "a=0", "b=50", "c=50"));

        JsonNode diff =
                JSON.readTree(store.run("diff", "--json", next.toString()).out());

        JsonNode change = diff.get("changed").get(0);
        assertEquals(
                "targets[a].weight", change.get("fields").get(0).get("path").asText());
        assertEquals(50, change.get("fields").get(0).get("before").asInt());
        assertEquals(0, change.get("fields").get(0).get("after").asInt());
        assertEquals("targets[c]", change.get("fields").get(1).get("path").asText());
        assertTrue(change.get("fields").get(1).get("before").isNull());
        // a: 50% -> 0%, b: 50% -> 50%, c: 0% -> 50%: half the requests move, all from a to c.
        assertEquals(0.5, change.get("traffic").get("moved").asDouble(), 1e-9);
        assertEquals(1, change.get("traffic").get("flows").size());
        JsonNode flow = change.get("traffic").get("flows").get(0);
        assertEquals("a", flow.get("from").asText());
        assertEquals("c", flow.get("to").asText());
        assertEquals(0.5, flow.get("share").asDouble(), 1e-9);
    }

    @Test
    void stickyClientsThatMoveAreMeasuredWithTheRoutersSelection() throws IOException {
        store.put(store.route("orders"), orders(STICKY, "orders-v1=90", "orders-v2=10"));
        Path next = file("orders.json", orders(STICKY, "orders-v1=75", "orders-v2=25"));

        CliRun text = store.run("diff", next.toString());
        JsonNode diff =
                JSON.readTree(store.run("diff", "--json", next.toString()).out());

        JsonNode sticky = diff.get("changed").get(0).get("stickyClients");
        assertEquals("header x-user-id", sticky.get("stickiness").asText());
        assertEquals(TrafficShift.STICKY_KEYS, sticky.get("keys").asInt());
        // Two targets: rendezvous moves exactly the keys the weights must move, all from v1 to v2.
        assertEquals(0.15, sticky.get("moved").asDouble(), TOLERANCE, sticky::toString);
        assertEquals(1, sticky.get("flows").size(), sticky::toString);
        assertEquals("orders-v1", sticky.get("flows").get(0).get("from").asText());
        assertEquals("orders-v2", sticky.get("flows").get(0).get("to").asText());
        assertTrue(
                text.out()
                        .contains("    sticky clients that move (header x-user-id, 100000 simulated keys): "
                                + DiffReport.percent(sticky.get("moved").asDouble())
                                + " (the weights alone move 15.0%)\n"),
                text::toString);
    }

    @Test
    void withThreeTargetsStickyClientsMoveAtLeastTheWeightedMinimum() throws IOException {
        store.put(store.route("orders"), orders(STICKY, "a=50", "b=30", "c=20"));
        Path next = file("orders.json", orders(STICKY, "a=40", "b=30", "c=30"));

        JsonNode change = JSON.readTree(
                        store.run("diff", "--json", next.toString()).out())
                .get("changed")
                .get(0);

        double minimum = change.get("traffic").get("moved").asDouble();
        double sticky = change.get("stickyClients").get("moved").asDouble();
        assertEquals(0.10, minimum, 1e-9);
        assertTrue(sticky >= minimum - TOLERANCE && sticky <= minimum + 0.05, change::toString);
    }

    @Test
    void anEarlierVersionAgainstTheLiveTable() throws IOException {
        Path first = file("orders.json", orders(null, "orders-v1=90", "orders-v2=10"));
        assertEquals(RoutesCli.OK, store.run("publish", first.toString()).exitCode());
        assertEquals(
                RoutesCli.OK,
                store.run("set-weights", "--route", "orders", "orders-v1=75", "orders-v2=25")
                        .exitCode());

        CliRun sinceFirst = store.run("diff", "--from-version", "1");
        CliRun firstToSecond = store.run("diff", "--from-version", "1", "--to-version", "2");
        CliRun unknown = store.run("diff", "--from-version", "9");

        assertEquals(RoutesCli.OK, sinceFirst.exitCode(), sinceFirst::toString);
        assertTrue(sinceFirst.out().startsWith("diff from version 1 (value "), sinceFirst::toString);
        assertTrue(sinceFirst.out().contains("    targets[orders-v2].weight: 10 -> 25\n"), sinceFirst::toString);
        assertTrue(sinceFirst.out().contains("      orders-v1 -> orders-v2: 15.0%\n"), sinceFirst::toString);
        assertEquals(
                sinceFirst.out().lines().skip(2).toList(),
                firstToSecond.out().lines().skip(2).toList(),
                firstToSecond::toString);
        assertEquals(RoutesCli.USAGE, unknown.exitCode(), unknown::toString);
        assertTrue(
                unknown.err()
                        .contains("no version 9 in the history of the table (" + store.versionParameter()
                                + " keeps versions 1 to 2; see 'routes history')"),
                unknown::toString);
    }

    @Test
    void aParameterThatIsNotJsonIsListedAsSuch() throws IOException {
        store.put(store.route("orders"), "{\"name\": \"orders\",");
        Path fixed = file("orders.json", orders(null, "orders-v1=1"));

        CliRun run = store.run("diff", fixed.toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\n+ orders  (" + store.route("orders") + ")\n"), run::toString);
        assertTrue(
                run.out()
                        .contains("\n? " + store.route("orders") + ": changed; not JSON on one side, so not compared"
                                + " by route\n"),
                run::toString);
    }

    @Test
    void filesThatPublishWouldRefuseAreDiffedAndReportedWithExitCodeOne() throws IOException {
        store.put(store.route("orders"), orders(null, "orders-v1=1"));
        store.put(store.allowedFunctionsParameter(), "orders-v1");
        // Named after another parameter: a second route 'orders', which the routers reject.
        Path copy = file("orders-copy.json", orders(null, "orders-v1=1"));
        Path forbidden = file("orders.json", orders(null, "orders-v2=1"));

        CliRun duplicate = store.run("diff", copy.toString());
        CliRun notAllowed = store.run("diff", forbidden.toString());

        assertEquals(RoutesCli.INVALID_CONFIG, duplicate.exitCode(), duplicate::toString);
        assertTrue(duplicate.out().contains("\nno differences\n"), duplicate::toString);
        assertTrue(
                duplicate.err().startsWith("publishing these files would be refused: 1 problem\n"),
                duplicate::toString);
        assertTrue(duplicate.err().contains("duplicate route name"), duplicate::toString);
        assertEquals(RoutesCli.INVALID_CONFIG, notAllowed.exitCode(), notAllowed::toString);
        assertTrue(notAllowed.out().contains("\n~ orders  ("), notAllowed::toString);
        assertTrue(notAllowed.err().contains("'orders-v2' is not an allowed function"), notAllowed::toString);
    }

    @Test
    void needsFilesOrAVersion() throws IOException {
        Path orders = file("orders.json", orders(null, "orders-v1=1"));

        CliRun neither = store.run("diff");
        CliRun both = store.run("diff", "--from-version", "1", orders.toString());

        assertEquals(RoutesCli.USAGE, neither.exitCode(), neither::toString);
        assertEquals(RoutesCli.USAGE, both.exitCode(), both::toString);
        assertTrue(neither.err().contains("give either FILEs"), neither::toString);
    }
}
