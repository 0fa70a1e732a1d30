package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.testsupport.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;

class PublishCommandTest {
    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String route(String name, int priority, String function) {
        return "{\n  \"name\": \"" + name + "\",\n  \"priority\": " + priority + ",\n  \"targets\": [{\"function\": \""
                + function + "\", \"weight\": 1}]\n}\n";
    }

    @Test
    void writesTheChangedParametersThenBumpsTheVersionLast() throws IOException {
        String health = route("health", 1, "health");
        store.put(store.route("health"), health);
        store.put(store.versionParameter(), "1");
        String orders = route("orders", 100, "orders-v1");
        String reports = "[" + route("reports", 200, "reports") + "]";

        CliRun run = store.run(
                "publish",
                file("orders.json", orders).toString(),
                file("reports.json", reports).toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertEquals(List.of(store.route("orders"), store.route("reports"), store.versionParameter()), store.puts());
        assertEquals(Optional.of(orders), store.value(store.route("orders")));
        assertEquals(Optional.of(reports), store.value(store.route("reports")));
        assertEquals(Optional.of(health), store.value(store.route("health")));
        String version = store.value(store.versionParameter()).orElseThrow();
        assertTrue(Long.parseLong(version) > 1, version);
        assertTrue(run.out().contains("created " + store.route("orders")), run::toString);
        assertTrue(run.out().contains("set " + store.versionParameter() + ": 1 -> " + version), run::toString);
    }

    @Test
    void anInvalidFileWritesNothing() throws IOException {
        store.put(store.versionParameter(), "1");
        Path good = file("good.json", route("good", 1, "good"));
        Path zeroWeights = file(
                "orders.json",
                "{\"name\": \"orders\", \"priority\": 1, \"targets\": [{\"function\": \"orders-v1\", \"weight\": 0}]}");

        CliRun run = store.run("publish", good.toString(), zeroWeights.toString());

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("rejected, nothing written"), run::toString);
        assertTrue(run.err().contains(store.route("orders") + ": route 'orders'"), run::toString);
        assertEquals(List.of(), store.puts());
        assertEquals(Optional.empty(), store.value(store.route("good")));
        assertEquals(Optional.of("1"), store.value(store.versionParameter()));
    }

    @Test
    void theWholeResultingTableIsValidatedIncludingParametersNotBeingPublished() throws IOException {
        store.put(store.route("legacy"), route("orders", 100, "orders-v1"));
        Path clash = file("orders.json", route("orders", 50, "orders-v2"));

        CliRun run = store.run("publish", clash.toString());

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().contains("duplicate route name"), run::toString);
        assertTrue(run.err().contains(store.route("legacy")), run::toString);
        assertEquals(List.of(), store.puts());
    }

    @Test
    void readsEveryPageOfTheCurrentTable() throws IOException {
        for (int i = 0; i < 23; i++) {
            store.put(store.route("team/r" + i), route("r" + i, i, "worker"));
        }
        // moto lists in creation order: r22 is on the third page of ten
        Path clashWithLastPage = file("zz.json", route("r22", 1, "worker"));

        CliRun run = store.run("publish", clashWithLastPage.toString());

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().contains("already defined in " + store.route("team/r22")), run::toString);
        assertEquals(List.of(), store.puts());
    }

    @Test
    void oversizedValuesAreRejectedUnlessTheAdvancedTierIsChosen() throws IOException {
        String big = "{\"name\": \"big\", \"priority\": 1, \"fixedResponse\": {\"status\": 503, \"contentType\":"
                + " \"text/plain\", \"body\": \"" + "x".repeat(5000) + "\"}}";
        Path file = file("big.json", big);

        CliRun standard = store.run("publish", file.toString());
        List<String> putsOfStandard = store.puts();
        CliRun advanced = store.run("publish", "--tier", "advanced", file.toString());

        assertEquals(RoutesCli.INVALID_CONFIG, standard.exitCode(), standard::toString);
        assertTrue(standard.err().contains("a standard parameter holds at most 4096"), standard::toString);
        assertEquals(List.of(), putsOfStandard);
        assertEquals(RoutesCli.OK, advanced.exitCode(), advanced::toString);
        assertEquals(Optional.of(big), store.value(store.route("big")));
        List<ParameterMetadata> described = store.client()
                .describeParameters(r -> r.parameterFilters(f -> f.key("Name").values(store.route("big"))))
                .parameters();
        assertEquals("Advanced", described.get(0).tierAsString());
    }

    @Test
    void dryRunValidatesAndWritesNothing() throws IOException {
        store.put(store.route("orders"), route("orders", 100, "orders-v1"));
        Path edit = file("orders.json", route("orders", 100, "orders-v2"));
        Path added = file("reports.json", route("reports", 200, "reports"));

        CliRun run = store.run("publish", "--dry-run", edit.toString(), added.toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("would update " + store.route("orders")), run::toString);
        assertTrue(run.out().contains("changed orders"), run::toString);
        assertTrue(run.out().contains("would create " + store.route("reports")), run::toString);
        assertEquals(List.of(), store.puts());
        assertEquals(Optional.of(route("orders", 100, "orders-v1")), store.value(store.route("orders")));
    }

    @Test
    void publishingUnchangedValuesDoesNotBumpTheVersion() throws IOException {
        String orders = route("orders", 100, "orders-v1");
        store.put(store.route("orders"), orders);
        store.put(store.versionParameter(), "41");

        CliRun run = store.run("publish", file("orders.json", orders).toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("nothing to publish"), run::toString);
        assertEquals(List.of(), store.puts());
        assertEquals(Optional.of("41"), store.value(store.versionParameter()));
    }

    @Test
    void nameChoosesTheParameterOfASingleFile() throws IOException {
        Path file = file("draft.json", route("orders", 100, "orders-v1"));

        CliRun run = store.run("publish", "--name", "team-a/orders", file.toString());
        CliRun twoFiles = store.run("publish", "--name", "x", file.toString(), file.toString());
        CliRun outside = store.run("publish", "--name", "/elsewhere/orders", file.toString());

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(store.value(store.route("team-a/orders")).isPresent());
        assertEquals(RoutesCli.USAGE, twoFiles.exitCode(), twoFiles::toString);
        assertEquals(RoutesCli.USAGE, outside.exitCode(), outside::toString);
        assertEquals(List.of(store.route("team-a/orders"), store.versionParameter()), store.puts());
    }

    @Test
    void awsErrorsExitWithThreeAndShowAStackTraceOnlyWhenVerbose() throws IOException {
        Path file = file("orders.json", route("orders", 100, "orders-v1"));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        CliRun quiet = CliRun.of(
                new SsmClients(b -> b.credentialsProvider(MotoServer.CREDENTIALS)),
                List.of("publish", "--endpoint-url", endpoint, "--region", "us-east-1", file.toString()));
        CliRun verbose = CliRun.of(
                new SsmClients(b -> b.credentialsProvider(MotoServer.CREDENTIALS)),
                List.of("publish", "--verbose", "--endpoint-url", endpoint, "--region", "us-east-1", file.toString()));

        assertEquals(RoutesCli.AWS_ERROR, quiet.exitCode(), quiet::toString);
        assertTrue(quiet.err().startsWith("routes: AWS error: "), quiet::toString);
        assertFalse(quiet.err().contains("\tat "), quiet::toString);
        assertEquals(RoutesCli.AWS_ERROR, verbose.exitCode(), verbose::toString);
        assertTrue(verbose.err().contains("\tat "), verbose::toString);
    }

    @Test
    void withoutPrefixTheRoutersDefaultPrefixIsUsed() throws IOException {
        Path file = file("default-prefix-test.json", route("default-prefix-test", 100, "orders-v1"));

        CliRun run = CliRun.of(
                new SsmClients(b -> b.credentialsProvider(MotoServer.CREDENTIALS)),
                List.of("publish", "--endpoint-url", store.endpoint(), "--region", "us-east-1", file.toString()));

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertTrue(store.value("/lambda-router/dev/routes/default-prefix-test").isPresent(), run::toString);
        assertTrue(store.value("/lambda-router/dev/version").isPresent(), run::toString);
    }

    @Test
    void aConcurrentPublishIsDetectedAndNothingIsWritten() throws IOException {
        store.put(store.versionParameter(), "1");
        Path file = file("orders.json", route("orders", 100, "orders-v1"));
        AtomicBoolean interfered = new AtomicBoolean();
        // Another operator publishes right after this run has read the table.
        ExecutionInterceptor otherOperator = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetParametersByPathRequest && interfered.compareAndSet(false, true)) {
                    store.put(store.route("billing"), route("billing", 50, "billing"));
                }
            }
        };

        CliRun run = CliRun.of(
                new SsmClients(b -> b.credentialsProvider(MotoServer.CREDENTIALS)
                        .overrideConfiguration(o -> o.addExecutionInterceptor(otherOperator))),
                List.of(
                        "publish",
                        "--endpoint-url",
                        store.endpoint(),
                        "--region",
                        "us-east-1",
                        "--prefix",
                        store.prefix(),
                        file.toString()));

        assertEquals(RoutesCli.CONFLICT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("conflict"), run::toString);
        assertEquals(Optional.empty(), store.value(store.route("orders")), "nothing written");
        assertEquals(Optional.of("1"), store.value(store.versionParameter()), "version untouched");
    }

    @Test
    void prefixComesFromRouterConfigPrefixWhenNotGiven() throws IOException {
        Path file = file("orders.json", route("orders", 100, "orders-v1"));

        CliRun run = store.runExactly(
                Map.of("ROUTER_CONFIG_PREFIX", store.prefix()),
                List.of("publish", "--endpoint-url", store.endpoint(), "--region", "us-east-1", file.toString()));

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertEquals(List.of(store.route("orders"), store.versionParameter()), store.puts());
    }

    @Test
    void namesTheEndpointRegionPrefixAndAllowlistBeforeWriting() throws IOException {
        store.put(store.allowedFunctionsParameter(), "orders-v1,reports");
        Path file = file("orders.json", route("orders", 100, "orders-v1"));

        CliRun dryRun = store.run("publish", "--dry-run", file.toString());
        CliRun run = store.run("publish", file.toString());

        String where = "endpoint " + store.endpoint() + " (region us-east-1), prefix " + store.prefix() + "; allowlist "
                + store.allowedFunctionsParameter() + ": 2 functions";
        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals("writing to " + where, lines.get(0), run::toString);
        assertTrue(lines.get(1).startsWith("created " + store.route("orders")), run::toString);
        assertTrue(dryRun.out().startsWith("would write to " + where + "\n"), dryRun::toString);
    }

    @Test
    void aTargetOutsideTheStacksAllowlistIsRefusedWhateverTheShellExports() throws IOException {
        store.put(store.allowedFunctionsParameter(), "orders-v1,health");
        store.put(store.versionParameter(), "1");
        Path foreign = file("orders.json", route("orders", 100, "billing"));
        Path allowed = file("health.json", route("health", 1, "health:live"));
        Map<String, String> shell = Map.of("ROUTER_ALLOWED_FUNCTIONS", "billing,orders-v1,health");

        CliRun withoutEnvironment = store.run("publish", foreign.toString());
        CliRun withEnvironment = store.run(shell, "publish", foreign.toString());
        List<String> putsOfRefused = store.puts();
        Optional<String> versionAfterRefused = store.value(store.versionParameter());
        CliRun published = store.run("publish", allowed.toString());

        for (CliRun refused : List.of(withoutEnvironment, withEnvironment)) {
            assertEquals(RoutesCli.INVALID_CONFIG, refused.exitCode(), refused::toString);
            assertTrue(refused.err().startsWith("rejected, nothing written"), refused::toString);
            assertTrue(
                    refused.err().contains("route 'orders': target function 'billing' is not an allowed function"),
                    refused::toString);
            assertTrue(
                    refused.err().contains("allowlist " + store.allowedFunctionsParameter() + ": 2 functions"),
                    refused::toString);
        }
        assertEquals(List.of(), putsOfRefused);
        assertEquals(Optional.of("1"), versionAfterRefused);
        assertEquals(RoutesCli.OK, published.exitCode(), published::toString);
        assertTrue(store.value(store.route("health")).isPresent());
    }
}
