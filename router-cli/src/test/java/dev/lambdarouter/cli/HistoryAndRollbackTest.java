package dev.lambdarouter.cli;

import static dev.lambdarouter.cli.DiffCommandTest.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code routes history} and {@code routes rollback} against Parameter Store's own history, hand edits included. */
class HistoryAndRollbackTest {
    private static final String CANARY =
            "{\"name\": \"canary\", \"priority\": 50, \"targets\": [{\"function\": \"orders-v2\"}]}\n";

    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @TempDir
    Path dir;

    /** The parameters {@code run} wrote (PutParameter calls it made), in order. */
    private static List<String> writes(List<String> putsBefore) {
        List<String> puts = store.puts();
        return puts.subList(putsBefore.size(), puts.size());
    }

    private void ok(CliRun run) {
        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
    }

    private void publish(String name, String content) throws IOException {
        ok(store.run(
                "publish",
                Files.writeString(dir.resolve(name + ".json"), content).toString()));
    }

    /** As the README's hand edit with the AWS CLI: put the route, then bump the version. */
    private void handEdit(String route, String value, String version) {
        store.put(store.route(route), value);
        store.put(store.versionParameter(), version);
    }

    /** Two CLI publishes (90/10, then 75/25) and a hand edit (50/50). Returns the value at version 2. */
    private String twoPublishesAndAHandEdit() throws IOException {
        publish("orders", orders(null, "orders-v1=90", "orders-v2=10"));
        ok(store.run("set-weights", "--route", "orders", "orders-v1=75", "orders-v2=25"));
        String second = store.value(store.route("orders")).orElseThrow();
        handEdit("orders", orders(null, "orders-v1=50", "orders-v2=50"), "1700000000");
        return second;
    }

    @Test
    void historyListsCliPublishesAndHandEditsNewestFirstWithWhatChanged() throws IOException {
        twoPublishesAndAHandEdit();

        CliRun run = store.run("history");

        ok(run);
        List<String> lines = run.out().lines().toList();
        assertTrue(
                lines.get(0).startsWith("3 version(s) of " + store.versionParameter() + ", newest first"),
                run::toString);
        assertEquals("", lines.get(1), run::toString);
        List<List<String>> rows = lines.subList(2, lines.size()).stream()
                .map(line -> List.of(line.split(" {2,}")))
                .toList();
        assertEquals(List.of("VERSION", "PUBLISHED (UTC)", "BY", "VALUE", "CHANGES"), rows.get(0));
        assertEquals(
                List.of("3", "2", "1"),
                rows.subList(1, 4).stream().map(row -> row.get(0)).toList());
        assertEquals("1700000000", rows.get(1).get(3));
        assertEquals(
                "~orders targets[orders-v1].weight: 75 -> 50, targets[orders-v2].weight: 25 -> 50",
                rows.get(1).get(4));
        assertEquals(
                "~orders targets[orders-v1].weight: 90 -> 75, targets[orders-v2].weight: 10 -> 25",
                rows.get(2).get(4));
        assertEquals("+orders", rows.get(3).get(4));
        for (List<String> row : rows.subList(1, 4)) {
            assertTrue(row.get(1).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), row::toString);
            assertFalse(row.get(2).isBlank(), row::toString);
        }
    }

    @Test
    void historyShowsRouteEditsNotYetPublishedByAVersionBump() throws IOException {
        publish("orders", orders(null, "orders-v1=90", "orders-v2=10"));
        store.put(store.route("orders"), orders(null, "orders-v1=80", "orders-v2=20"));

        CliRun run = store.run("history");

        ok(run);
        assertEquals(
                "not yet published: route parameters written after version 1 (routers re-list the routes only when"
                        + " the version moves): ~orders targets[orders-v1].weight: 90 -> 80,"
                        + " targets[orders-v2].weight: 10 -> 20",
                run.out().lines().toList().get(1),
                run::toString);
    }

    @Test
    void rollbackWithoutYesShowsTheDiffAndWritesNothing() throws IOException {
        twoPublishesAndAHandEdit();
        String handEdited = store.value(store.route("orders")).orElseThrow();

        List<String> before = store.puts();
        CliRun run = store.run("rollback", "--to", "2");

        ok(run);
        assertTrue(run.out().startsWith("diff from the live table ("), run::toString);
        assertTrue(run.out().contains("\n       to version 2 (value "), run::toString);
        assertTrue(run.out().contains("    targets[orders-v1].weight: 50 -> 75\n"), run::toString);
        assertTrue(run.out().contains("      orders-v2 -> orders-v1: 25.0%\n"), run::toString);
        assertTrue(run.out().endsWith("nothing written; pass --yes to roll back to version 2\n"), run::toString);
        assertEquals(List.of(), writes(before), run::toString);
        assertEquals(Optional.of(handEdited), store.value(store.route("orders")));
        assertEquals(Optional.of("1700000000"), store.value(store.versionParameter()));
    }

    @Test
    void rollbackToTheVersionBeforeAHandEditRestoresTheExactValueAndBumpsTheVersionLast() throws IOException {
        String second = twoPublishesAndAHandEdit();

        List<String> before = store.puts();
        CliRun run = store.run("rollback", "--to", "2", "--yes");

        ok(run);
        assertEquals(Optional.of(second), store.value(store.route("orders")), run::toString);
        assertEquals(List.of(store.route("orders"), store.versionParameter()), writes(before), run::toString);
        assertFalse(store.modified(store.versionParameter()).isBefore(store.modified(store.route("orders"))));
        CliRun history = store.run("history");
        assertTrue(
                history.out()
                        .contains("~orders targets[orders-v1].weight: 50 -> 75, targets[orders-v2].weight: 50 -> 25"),
                history::toString);
        assertTrue(store.run("diff", "--from-version", "2").out().contains("\nno differences\n"));
    }

    @Test
    void rollbackBeforeARouteWasCreatedEmptiesItsParameterAndKeepsItsHistoryToRollForward() throws IOException {
        publish("orders", orders(null, "orders-v1=90", "orders-v2=10"));
        publish("canary", CANARY);

        CliRun back = store.run("rollback", "--to", "1", "--yes");

        ok(back);
        assertTrue(back.out().contains("\n- canary  (" + store.route("canary") + ")\n"), back::toString);
        assertEquals(Optional.of("[]"), store.value(store.route("canary")), back::toString);
        CliRun show = store.run("show");
        assertTrue(show.out().contains("1 route(s) in 1 parameter(s)"), show::toString);

        CliRun forward = store.run("rollback", "--to", "2", "--yes");

        ok(forward);
        assertTrue(forward.out().contains("\n+ canary  (" + store.route("canary") + ")\n"), forward::toString);
        assertEquals(Optional.of(CANARY), store.value(store.route("canary")), forward::toString);
        List<String> history = store.run("history").out().lines().toList();
        assertTrue(history.get(3).endsWith("+canary"), history::toString);
        assertTrue(history.get(4).endsWith("-canary"), history::toString);
    }

    @Test
    void aRollbackTheRoutersWouldRejectIsRefusedAndWritesNothing() throws IOException {
        publish("orders", orders(null, "billing=1"));
        publish("orders", orders(null, "orders-v1=1"));
        store.put(store.allowedFunctionsParameter(), "orders-v1,orders-v2");
        String current = store.value(store.route("orders")).orElseThrow();
        String version = store.value(store.versionParameter()).orElseThrow();

        List<String> before = store.puts();
        CliRun run = store.run("rollback", "--to", "1", "--yes");

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("rejected, nothing written: 1 problem"), run::toString);
        assertTrue(run.err().contains("target function 'billing' is not an allowed function"), run::toString);
        assertEquals(List.of(), writes(before), run::toString);
        assertEquals(Optional.of(current), store.value(store.route("orders")));
        assertEquals(Optional.of(version), store.value(store.versionParameter()));
    }

    @Test
    void anUnknownVersionIsAUsageError() throws IOException {
        publish("orders", orders(null, "orders-v1=1"));

        List<String> before = store.puts();
        CliRun run = store.run("rollback", "--to", "5", "--yes");

        assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no version 5 in the history of the table"), run::toString);
        assertEquals(List.of(), writes(before), run::toString);
    }
}
