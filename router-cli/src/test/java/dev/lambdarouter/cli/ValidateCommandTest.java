package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String route(String name, int priority, String... functions) {
        StringBuilder targets = new StringBuilder();
        for (String function : functions) {
            targets.append(targets.length() == 0 ? "" : ", ")
                    .append("{\"function\": \"")
                    .append(function)
                    .append("\", \"weight\": 1}");
        }
        return "{\"name\": \"" + name + "\", \"priority\": " + priority + ", \"targets\": [" + targets + "]}";
    }

    /** A valid route whose value is exactly {@code characters} long (padding in a fixed response body). */
    private static String routeOfSize(int characters) {
        String head = "{\"name\": \"big\", \"priority\": 1, \"fixedResponse\": {\"status\": 503, \"contentType\":"
                + " \"text/plain\", \"body\": \"";
        String tail = "\"}}";
        return head + "x".repeat(characters - head.length() - tail.length()) + tail;
    }

    @Test
    void validFilesPassTogether() throws IOException {
        Path orders = file("orders.json", route("orders", 100, "orders-v1", "orders-v2"));
        Path reports = file(
                "reports.json", "[" + route("reports", 200, "reports") + ", " + route("health", 1, "health") + "]");

        CliRun run = CliRun.offline("validate", orders.toString(), reports.toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("3 route(s) in 2 file(s)"), run::toString);
    }

    @Test
    void everyProblemIsReportedWithItsFile() throws IOException {
        Path bad = file(
                "bad.json",
                "{\"name\": \"orders\", \"priority\": 100, \"colour\": \"red\","
                        + " \"match\": {\"headers\": [{\"name\": \"x\", \"regex\": \"(\"}]},"
                        + " \"targets\": [{\"function\": \"orders-v1\", \"weight\": 0}]}");
        Path malformed = file("malformed.json", "{\"name\": ");

        CliRun run = CliRun.offline("validate", bad.toString(), malformed.toString());

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().contains(bad + ": route 'orders'"), run::toString);
        assertTrue(run.err().contains("colour"), run::toString);
        assertTrue(run.err().contains("regex"), run::toString);
        assertTrue(run.err().contains("weight"), run::toString);
        assertTrue(run.err().contains(malformed + ": malformed JSON"), run::toString);
    }

    @Test
    void duplicateRouteNamesAcrossFilesAreCaught() throws IOException {
        Path first = file("a.json", route("orders", 100, "orders-v1"));
        Path second = file("b.json", "[" + route("reports", 200, "reports") + ", " + route("orders", 5, "x") + "]");

        CliRun separately = CliRun.offline("validate", second.toString());
        CliRun together = CliRun.offline("validate", first.toString(), second.toString());

        assertEquals(RoutesCli.OK, separately.exitCode(), separately::toString);
        assertEquals(RoutesCli.INVALID_CONFIG, together.exitCode(), together::toString);
        assertTrue(together.err().contains("duplicate route name; already defined in " + first), together::toString);
    }

    @Test
    void sizeIsCheckedAgainstTheTierLimit() throws IOException {
        Path atLimit = file("limit.json", routeOfSize(4096));
        Path over = file("over.json", routeOfSize(4097));
        Path overAdvanced = file("huge.json", routeOfSize(8193));

        CliRun fits = CliRun.offline("validate", atLimit.toString());
        CliRun tooBig = CliRun.offline("validate", over.toString());
        CliRun advanced = CliRun.offline("validate", "--tier", "advanced", over.toString());
        CliRun tooBigForAdvanced = CliRun.offline("validate", "--tier", "ADVANCED", overAdvanced.toString());

        assertEquals(RoutesCli.OK, fits.exitCode(), fits::toString);
        assertEquals(RoutesCli.INVALID_CONFIG, tooBig.exitCode(), tooBig::toString);
        assertTrue(
                tooBig.err().contains(over + ": 4097 characters; a standard parameter holds at most 4096"),
                tooBig::toString);
        assertEquals(RoutesCli.OK, advanced.exitCode(), advanced::toString);
        assertEquals(RoutesCli.INVALID_CONFIG, tooBigForAdvanced.exitCode(), tooBigForAdvanced::toString);
        assertTrue(
                tooBigForAdvanced.err().contains("8193 characters; an advanced parameter holds at most 8192"),
                tooBigForAdvanced::toString);
    }

    @Test
    void allowlistComparesBareFunctionNamesOfTargetsFallbacksAndMirrors() throws IOException {
        Path allowed = file(
                "allowed.json",
                "{\"name\": \"orders\", \"priority\": 1, \"targets\": ["
                        + "{\"function\": \"orders-v1:live\", \"weight\": 1},"
                        + " {\"function\": \"arn:aws:lambda:us-east-1:123456789012:function:orders-v2:7\", \"weight\": 1}],"
                        + " \"fallback\": \"orders-v1\", \"mirror\": {\"function\": \"orders-v2\", \"percent\": 5}}");
        Path foreign = file(
                "foreign.json",
                "{\"name\": \"reports\", \"priority\": 2, \"targets\": ["
                        + "{\"function\": \"orders-v1\", \"weight\": 1}, {\"function\": \"billing\", \"weight\": 1}],"
                        + " \"fallback\": \"payroll:prod\", \"mirror\": {\"function\": \"shadow\", \"percent\": 5}}");
        String allowlist = "orders-v1, arn:aws:lambda:us-east-1:123456789012:function:orders-v2";

        CliRun ok = CliRun.offline("validate", "--allowed-functions", allowlist, allowed.toString());
        CliRun rejected =
                CliRun.offline("validate", "--allowed-functions", allowlist, allowed.toString(), foreign.toString());
        CliRun noAllowlist = CliRun.offline("validate", allowed.toString(), foreign.toString());

        assertEquals(RoutesCli.OK, ok.exitCode(), ok::toString);
        assertEquals(RoutesCli.INVALID_CONFIG, rejected.exitCode(), rejected::toString);
        assertTrue(rejected.err().contains("3 problems"), rejected::toString);
        assertTrue(
                rejected.err().contains("route 'reports': target function 'billing' is not an allowed function"),
                rejected::toString);
        assertTrue(rejected.err().contains("fallback function 'payroll:prod'"), rejected::toString);
        assertTrue(rejected.err().contains("mirror function 'shadow'"), rejected::toString);
        assertEquals(RoutesCli.OK, noAllowlist.exitCode(), noAllowlist::toString);
    }

    @Test
    void usageErrorsExitWithTwoAndNoStackTrace() throws IOException {
        Path orders = file("orders.json", route("orders", 100, "orders-v1"));

        CliRun missingFile =
                CliRun.offline("validate", dir.resolve("absent.json").toString());
        CliRun unknownOption = CliRun.offline("validate", "--colour", orders.toString());
        CliRun badTier = CliRun.offline("validate", "--tier", "gold", orders.toString());
        CliRun noCommand = CliRun.offline();

        for (CliRun run : new CliRun[] {missingFile, unknownOption, badTier, noCommand}) {
            assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("routes: "), run::toString);
            assertFalse(run.err().contains("\tat "), run::toString);
        }
        assertTrue(missingFile.err().contains("absent.json: no such file"), missingFile::toString);
    }
}
