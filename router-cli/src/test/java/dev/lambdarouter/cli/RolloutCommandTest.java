package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutDocuments;
import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutObservation;
import dev.lambdarouter.store.RolloutState;
import dev.lambdarouter.store.RouteWeights;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

class RolloutCommandTest {
    private static final String V1 = "orders-v1";
    private static final String V2 = "orders-v2";
    private static final String ORDERS = """
        {
          "name": "orders",
          "priority": 100,
          "match": {"paths": [{"prefix": "/orders"}]},
          "targets": [
            {"function": "orders-v1", "weight": 100}
          ]
        }
        """;

    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @BeforeEach
    void seed() {
        store.put(store.route("orders"), ORDERS);
        store.put(store.versionParameter(), "7");
    }

    private static Map<String, Integer> weights(Object... functionsAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < functionsAndWeights.length; i += 2) {
            weights.put((String) functionsAndWeights[i], (Integer) functionsAndWeights[i + 1]);
        }
        return weights;
    }

    private String rolloutParameter() {
        return store.prefix() + "/rollouts/orders";
    }

    private RolloutDocument document() {
        return RolloutDocuments.parse(store.value(rolloutParameter()).orElseThrow());
    }

    private Map<String, Integer> liveWeights() {
        SortedMap<String, String> routes = new TreeMap<>(
                Map.of(store.route("orders"), store.value(store.route("orders")).orElseThrow()));
        return RouteWeights.current(routes, "orders");
    }

    /** {@code routes rollout COMMAND --endpoint-url ... --region us-east-1 --prefix ... args...}. */
    private static CliRun rollout(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "rollout",
                command,
                "--endpoint-url",
                store.endpoint(),
                "--region",
                "us-east-1",
                "--prefix",
                store.prefix()));
        all.addAll(List.of(args));
        return store.runExactly(Map.of(), all);
    }

    private CliRun start(String... options) {
        List<String> args = new ArrayList<>(List.of("--route", "orders", "--to", V2));
        args.addAll(List.of(options));
        return rollout("start", args.toArray(String[]::new));
    }

    @Test
    void startPublishesTheFirstStepThenWritesTheDocument() {
        CliRun run = start("--step-interval", "30s", "--alarms", "orders-v2-errors,orders-latency");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        assertEquals(List.of(store.route("orders"), store.versionParameter(), rolloutParameter()), store.puts());
        assertEquals(weights(V1, 95, V2, 5), liveWeights());
        RolloutDocument document = document();
        assertEquals(1, document.revision());
        assertEquals(RolloutState.RUNNING, document.state());
        assertEquals(0, document.step());
        assertEquals(V2, document.canary());
        assertEquals(weights(V1, 100), document.baseline());
        assertEquals(List.of(5, 25, 50, 100), document.steps());
        assertEquals(30, document.stepIntervalSeconds());
        assertEquals(1.0, document.maxErrorRatePercent());
        assertEquals(null, document.maxP99Ms());
        assertEquals(null, document.maxLatencyRatio(), "latency checks are opt-in");
        assertEquals(50, document.minRequests());
        assertEquals(List.of("orders-v2-errors", "orders-latency"), document.alarms());
        assertEquals(weights(V1, 95, V2, 5), document.expectedWeights());
        assertEquals(
                List.of(RolloutEvent.Kind.START),
                document.history().stream().map(RolloutEvent::event).toList());
        assertTrue(
                run.out().contains("publishing weights of route 'orders': orders-v1 95, orders-v2 5\n"), run::toString);
        assertTrue(run.out().contains("writing to endpoint " + store.endpoint()), run::toString);
        assertTrue(
                run.out().contains("rollout of route 'orders' to orders-v2 started: step 1 of 4 (5%)"), run::toString);
    }

    @Test
    void aCanaryThatIsAlreadyATargetLeavesTheBaselineAndStartsAtTheFirstStep() {
        store.put(
                store.route("orders"),
                ORDERS.replace(
                        "{\"function\": \"orders-v1\", \"weight\": 100}",
                        "{\"function\": \"orders-v1\", \"weight\": 60}, {\"function\": \"orders-v3\", \"weight\": 30},"
                                + " {\"function\": \"orders-v2\", \"weight\": 10}"));

        CliRun run =
                start("--steps", "10,100", "--max-p99-ms", "800", "--max-error-rate", "0.5%", "--min-requests", "20");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        RolloutDocument document = document();
        assertEquals(weights(V1, 60, "orders-v3", 30), document.baseline());
        assertEquals(weights(V1, 60, "orders-v3", 30, V2, 10), liveWeights());
        assertEquals(800.0, document.maxP99Ms());
        assertEquals(null, document.maxLatencyRatio());
        assertEquals(0.5, document.maxErrorRatePercent());
        assertEquals(20, document.minRequests());
    }

    @Test
    void everyBadValueIsRefusedBeforeAnythingIsWritten() {
        Map<List<String>, String> refusals = new LinkedHashMap<>();
        refusals.put(List.of("--steps", "5,50,25,100"), "--steps: percentages must strictly increase");
        refusals.put(List.of("--steps", "5,25,50"), "--steps: the last step must be 100");
        refusals.put(List.of("--steps", "0,100"), "--steps: each step is the canary's percentage, 1..100; got 0");
        refusals.put(List.of("--steps", "5,x,100"), "--steps: 'x' is not a whole number");
        refusals.put(List.of("--step-interval", "5s"), "--step-interval: at least 10s");
        refusals.put(
                List.of("--step-interval", "5 minutes"), "--step-interval: expected a duration like 30s, 5m or 1h");
        refusals.put(List.of("--max-error-rate", "120%"), "--max-error-rate: a percentage must be 0..100");
        refusals.put(List.of("--max-error-rate", "lots"), "--max-error-rate: expected a percentage like 1% or 0.5%");
        refusals.put(List.of("--max-latency-ratio", "0"), "--max-latency-ratio: must be above 0");
        refusals.put(List.of("--max-p99-ms", "-5"), "--max-p99-ms: must be above 0");
        refusals.put(List.of("--min-requests", "0"), "--min-requests: must be at least 1");
        refusals.put(List.of("--alarms", "a,,b"), "--alarms: an alarm name is empty");
        refusals.put(List.of("--alarms", "a,a"), "--alarms: 'a' is given twice");
        refusals.forEach((options, message) -> {
            CliRun run = start(options.toArray(String[]::new));
            assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
            assertTrue(run.err().contains(message), () -> message + "\n" + run);
        });
        CliRun unknownRoute = rollout("start", "--route", "payments", "--to", V2);
        assertEquals(RoutesCli.USAGE, unknownRoute.exitCode(), unknownRoute::toString);
        assertTrue(
                unknownRoute
                        .err()
                        .contains("no route 'payments' under " + store.prefix() + "/routes/ (routes: orders)"),
                unknownRoute::toString);
        CliRun onlyTheCanary = rollout("start", "--route", "orders", "--to", V1);
        assertEquals(RoutesCli.INVALID_CONFIG, onlyTheCanary.exitCode(), onlyTheCanary::toString);
        assertTrue(
                onlyTheCanary.err().contains("has no target besides orders-v1 with a weight above 0"),
                onlyTheCanary::toString);

        assertEquals(List.of(), store.puts());
        assertEquals(ORDERS, store.value(store.route("orders")).orElseThrow());
    }

    @Test
    void aCanaryTheRoutersMayNotCallIsRefusedAndNoRolloutIsStored() {
        store.put(store.allowedFunctionsParameter(), V1);

        CliRun run = start();

        assertEquals(RoutesCli.INVALID_CONFIG, run.exitCode(), run::toString);
        assertTrue(run.err().contains("target function 'orders-v2' is not an allowed function"), run::toString);
        assertTrue(run.err().contains("rollout not started"), run::toString);
        assertEquals(List.of(), store.puts());
        assertFalse(store.value(rolloutParameter()).isPresent());
    }

    @Test
    void anActiveRolloutIsRefusedNamingAbortAndAFinishedOneIsReplaced() {
        assertEquals(RoutesCli.OK, start().exitCode());
        List<String> before = store.puts();

        CliRun second = start("--steps", "50,100");

        assertEquals(RoutesCli.CONFLICT, second.exitCode(), second::toString);
        assertTrue(
                second.err().contains("route 'orders' already has a running rollout to orders-v2 (step 1 of 4)"),
                second::toString);
        assertTrue(second.err().contains("'routes rollout abort --route orders'"), second::toString);
        assertEquals(before, store.puts());

        assertEquals(RoutesCli.OK, rollout("abort", "--route", "orders").exitCode());
        CliRun again = start("--steps", "50,100");

        assertEquals(RoutesCli.OK, again.exitCode(), again::toString);
        RolloutDocument document = document();
        assertEquals(RolloutState.RUNNING, document.state());
        assertEquals(List.of(50, 100), document.steps());
        assertEquals(3, document.revision());
        assertEquals(1, document.history().size());
        assertEquals(weights(V1, 50, V2, 50), liveWeights());
    }

    @Test
    void statusShowsStepWeightsObservationNextDecisionAndHistory() {
        assertEquals(RoutesCli.OK, start("--max-latency-ratio", "1.5").exitCode());
        RolloutDocument started = document();
        RolloutDocument observed = started.withObservation(new RolloutObservation(
                        started.stepStartedAt().plusSeconds(60),
                        started.stepStartedAt(),
                        12,
                        1,
                        8.33,
                        41.5,
                        230,
                        38.0,
                        "hold",
                        "too few requests: 12 < 50"))
                .withRevision(2);
        store.put(rolloutParameter(), RolloutDocuments.write(observed));

        CliRun run = rollout("status", "--route", "orders");

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        String out = run.out();
        assertTrue(
                out.startsWith("route orders: running, step 1 of 4 (5% to orders-v2, steps [5, 25, 50, 100]) since "
                        + started.stepStartedAt() + "; revision 2\n"),
                out);
        assertTrue(out.contains("  expected weights: orders-v1 95, orders-v2 5\n  live weights: as expected\n"), out);
        assertTrue(
                out.contains("  thresholds: error rate <= 1.0%; p99 <= 1.5 x the baseline's; at least 50 canary"
                        + " requests per step; step interval 5m; alarms: none\n"),
                out);
        assertTrue(
                out.contains("12 canary requests (min 50), 1 error = 8.33% (max 1.0%), p99 41.5 ms; baseline 230"
                        + " requests, p99 38.0 ms (canary/baseline 1.09, max 1.5)\n"),
                out);
        assertTrue(out.contains("    decision: hold (too few requests: 12 < 50)\n"), out);
        assertTrue(out.contains("  next decision: advances to step 2 (25%) due "), out);
        assertTrue(out.contains(started.stepStartedAt().plusSeconds(300).toString()), out);
        assertTrue(
                out.contains(" start, step 1: orders-v1 95, orders-v2 5 (started: orders-v2 takes 5% at step 1 of 4)"),
                out);

        assertEquals(
                RoutesCli.OK,
                store.run("set-weights", "--route", "orders", V1 + "=100", V2 + "=0")
                        .exitCode());
        CliRun edited = rollout("status");
        assertTrue(
                edited.out()
                        .contains("  live weights: orders-v1 100, orders-v2 0 (differ from the expected; the"
                                + " controller pauses the rollout)\n"),
                edited::toString);

        CliRun json = rollout("status", "--route", "orders", "--json");
        assertEquals(RoutesCli.OK, json.exitCode(), json::toString);
        assertEquals(observed, RolloutDocuments.parse(json.out()));
        CliRun all = rollout("status", "--json");
        assertTrue(all.out().startsWith("[\n  {\n    \"schema\": 1,"), all::toString);
    }

    @Test
    void statusWithoutRolloutsAndForAnUnknownRoute() {
        CliRun none = rollout("status");
        assertEquals(RoutesCli.OK, none.exitCode(), none::toString);
        assertEquals("no rollouts under " + store.prefix() + "/rollouts\n", none.out());

        CliRun unknown = rollout("status", "--route", "orders");
        assertEquals(RoutesCli.USAGE, unknown.exitCode(), unknown::toString);
        assertTrue(
                unknown.err().contains("no rollout for route 'orders' (nothing at " + rolloutParameter() + ")"),
                unknown::toString);

        store.put(rolloutParameter(), "{\"schema\": 1, \"route\": \"orders\"}");
        CliRun malformed = rollout("status");
        assertEquals(RoutesCli.INVALID_CONFIG, malformed.exitCode(), malformed::toString);
        assertTrue(
                malformed
                        .err()
                        .contains("route orders: the rollout document " + rolloutParameter()
                                + " is unreadable: field 'canary' is missing"),
                malformed::toString);
    }

    @Test
    void pauseKeepsTheWeightsAndResumeRepublishesTheStepAfterAHandEdit() throws InterruptedException {
        assertEquals(RoutesCli.OK, start().exitCode());
        int before = store.puts().size();

        CliRun pause = rollout("pause", "--route", "orders", "--reason", "watching a dashboard");

        assertEquals(RoutesCli.OK, pause.exitCode(), pause::toString);
        assertEquals(
                List.of(rolloutParameter()),
                store.puts().subList(before, store.puts().size()));
        RolloutDocument paused = document();
        assertEquals(RolloutState.PAUSED, paused.state());
        assertEquals("paused by the operator: watching a dashboard", paused.reason());
        assertEquals(2, paused.revision());
        assertEquals(weights(V1, 95, V2, 5), liveWeights());
        CliRun again = rollout("pause", "--route", "orders");
        assertEquals(RoutesCli.OK, again.exitCode(), again::toString);
        assertTrue(again.out().contains("already paused"), again::toString);
        CliRun paused2 = rollout("status", "--route", "orders");
        assertTrue(
                paused2.out().contains("next decision: none while paused ('routes rollout resume --route orders'"),
                paused2::toString);

        assertEquals(
                RoutesCli.OK,
                store.run("set-weights", "--route", "orders", V1 + "=100", V2 + "=0")
                        .exitCode());
        CliRun resume = rollout("resume", "--route", "orders");

        assertEquals(RoutesCli.OK, resume.exitCode(), resume::toString);
        assertEquals(weights(V1, 95, V2, 5), liveWeights());
        RolloutDocument resumed = document();
        assertEquals(RolloutState.RUNNING, resumed.state());
        assertEquals(3, resumed.revision());
        assertFalse(resumed.stepStartedAt().isBefore(paused.stepStartedAt()));
        assertEquals(
                List.of(RolloutEvent.Kind.START, RolloutEvent.Kind.PAUSE, RolloutEvent.Kind.RESUME),
                resumed.history().stream().map(RolloutEvent::event).toList());
        assertTrue(rollout("resume", "--route", "orders").out().contains("nothing to do"));
    }

    @Test
    void abortPutsTheBaselineBackAndEndsTheRollout() {
        assertEquals(RoutesCli.OK, start("--steps", "50,100").exitCode());
        assertEquals(weights(V1, 50, V2, 50), liveWeights());

        CliRun abort = rollout("abort", "--route", "orders", "--reason", "wrong build");

        assertEquals(RoutesCli.OK, abort.exitCode(), abort::toString);
        assertEquals(weights(V1, 100, V2, 0), liveWeights());
        RolloutDocument aborted = document();
        assertEquals(RolloutState.ABORTED, aborted.state());
        assertEquals("aborted by the operator: wrong build", aborted.reason());
        assertEquals(weights(V1, 100, V2, 0), aborted.expectedWeights());
        assertTrue(
                abort.out()
                        .contains("aborted the rollout of route 'orders' to orders-v2 at step 1 of 2; weights back"
                                + " to orders-v1 100, orders-v2 0 (" + rolloutParameter() + ", revision 2)"),
                abort::toString);

        int before = store.puts().size();
        CliRun again = rollout("abort", "--route", "orders");
        CliRun pause = rollout("pause", "--route", "orders");
        CliRun resume = rollout("resume", "--route", "orders");
        assertEquals(RoutesCli.OK, again.exitCode(), again::toString);
        assertEquals(RoutesCli.CONFLICT, pause.exitCode(), pause::toString);
        assertTrue(pause.err().contains("nothing to pause: the rollout of route 'orders' is aborted"), pause::toString);
        assertEquals(RoutesCli.CONFLICT, resume.exitCode(), resume::toString);
        assertEquals(before, store.puts().size());
    }

    /** After its first {@code bumps} reads of the rollout document, another writer moves it to the next revision. */
    private ExecutionInterceptor concurrentWriter(int bumps, AtomicInteger written) {
        return new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetParameterRequest get
                        && get.name().equals(rolloutParameter())
                        && written.get() < bumps) {
                    RolloutDocument current = document();
                    store.put(rolloutParameter(), RolloutDocuments.write(current.withRevision(current.revision() + 1)));
                    written.incrementAndGet();
                }
            }
        };
    }

    @Test
    void aStaleRevisionIsReadAgainOnceThenTheChangeIsMade() {
        assertEquals(RoutesCli.OK, start().exitCode());
        AtomicInteger written = new AtomicInteger();
        store.intercept(concurrentWriter(1, written));

        CliRun pause = rollout("pause", "--route", "orders");

        assertEquals(RoutesCli.OK, pause.exitCode(), pause::toString);
        assertTrue(
                pause.out().contains("moved from revision 1 to 2 meanwhile (the controller?); reading it again"),
                pause::toString);
        assertEquals(1, written.get());
        RolloutDocument paused = document();
        assertEquals(RolloutState.PAUSED, paused.state());
        assertEquals(3, paused.revision());
    }

    @Test
    void aDocumentThatKeepsChangingIsAConflictAndTheCliWritesNothing() {
        assertEquals(RoutesCli.OK, start().exitCode());
        store.intercept(concurrentWriter(Integer.MAX_VALUE, new AtomicInteger()));
        int before = store.puts().size();

        CliRun abort = rollout("abort", "--route", "orders");

        assertEquals(RoutesCli.CONFLICT, abort.exitCode(), abort::toString);
        assertTrue(
                abort.err().contains("conflict: the rollout document " + rolloutParameter() + " changed again"),
                abort::toString);
        assertFalse(store.puts().subList(before, store.puts().size()).contains(rolloutParameter()), abort::toString);
        assertEquals(RolloutState.RUNNING, document().state());
    }

    @Test
    void theRolloutGroupNeedsASubcommand() {
        CliRun run = store.runExactly(Map.of(), List.of("rollout"));
        assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("missing command: start, status, pause, resume or abort"), run::toString);
        assertTrue(Instant.now().isAfter(Instant.EPOCH));
    }
}
