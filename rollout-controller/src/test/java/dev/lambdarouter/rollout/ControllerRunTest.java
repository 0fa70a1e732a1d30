package dev.lambdarouter.rollout;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutState;
import dev.lambdarouter.store.RolloutStore;
import dev.lambdarouter.store.RouteWeights;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.TablePublisher;
import dev.lambdarouter.store.WriteOutcome;
import dev.lambdarouter.testsupport.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A controller run against moto_server: rollout documents and routes in Parameter Store, the router's metrics put
 * into CloudWatch with {@code PutMetricData} (dimensions Service, Route, Target, timestamps inside the step's
 * window), alarms with {@code PutMetricAlarm}/{@code SetAlarmState}, all over the SDK's real wire protocols. The
 * clock is set, not waited for.
 */
class ControllerRunTest {

    private static final String SERVICE = "lambda-router-test";
    private static final String ROUTE = "orders";
    private static final String V1 = "orders-v1";
    private static final String V2 = "orders-v2";
    private static final ConfigLayout LAYOUT = new ConfigLayout("/lambda-router/test");
    private static final List<Integer> STEPS = List.of(5, 25, 50, 100);
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private static MotoServer moto;
    private static SsmClient ssm;
    private static CloudWatchClient cloudWatch;

    /** The step's start: a whole minute, an hour ago (CloudWatch takes datapoints up to two weeks old). */
    private final Instant started =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

    private final SettableClock clock = new SettableClock(started.plus(INTERVAL));
    private final List<RolloutRecord> records = Collections.synchronizedList(new ArrayList<>());
    private RolloutStore rollouts;
    private RoutingTableStore table;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        ssm = moto.ssmClient();
        cloudWatch = moto.cloudWatchClient();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        ssm.close();
        moto.close();
    }

    @BeforeEach
    void seed() {
        moto.reset();
        rollouts = new RolloutStore(ssm, LAYOUT);
        table = new RoutingTableStore(ssm, LAYOUT);
        put(LAYOUT.allowedFunctionsParameter(), V1 + "," + V2);
        put(LAYOUT.versionParameter(), "1");
    }

    // --- the decisions -------------------------------------------------------------------------------------------

    @Test
    void aHealthyCanaryAdvancesToTheNextStepDocumentFirstThenWeights() {
        String versionBefore = version();
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 100, 0, 100.0);
        traffic(V1, 1900, 0, 100.0);

        RolloutRecord record = runOnce();

        RolloutDocument doc = stored();
        assertAll(
                () -> assertEquals(DecisionKind.ADVANCE, record.effect()),
                () -> assertEquals(RolloutOutcome.APPLIED, record.outcome()),
                () -> assertEquals(Map.of(V1, 75, V2, 25), liveWeights()),
                () -> assertEquals(RolloutState.RUNNING, doc.state()),
                () -> assertEquals(1, doc.step()),
                () -> assertEquals(2, doc.revision()),
                () -> assertEquals(clock.instant(), doc.stepStartedAt()),
                () -> assertEquals(Map.of(V1, 75, V2, 25), doc.expectedWeights()),
                () -> assertEquals(RolloutEvent.Kind.ADVANCE, last(doc).event()),
                () -> assertEquals("advance", doc.lastObservation().decision()),
                () -> assertEquals(100, doc.lastObservation().requests()),
                () -> assertEquals(1900, doc.lastObservation().baselineRequests()),
                () -> assertEquals(100.0, doc.lastObservation().p99Ms()),
                () -> assertNotEquals(versionBefore, version(), "the version moved"));
    }

    @Test
    void requestsFromTheMinuteTheStepStartedInAreNotJudged() {
        // A step that starts half-way through a minute: that minute also holds what came before the step (here a
        // previous rollout's failing canary), so the window starts at the next whole minute.
        Instant halfPast = started.plusSeconds(30);
        startAt(0, rollout(1.0, null, null, List.of()), halfPast);
        traffic(started.plusSeconds(10), V2, 100, 100, 100.0);
        traffic(started.plusSeconds(90), V2, 100, 0, 100.0);
        clock.set(halfPast.plus(INTERVAL));

        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(DecisionKind.ADVANCE, record.effect(), record::toString),
                () -> assertEquals(100, stored().lastObservation().requests()),
                () -> assertEquals(
                        started.plusSeconds(60), stored().lastObservation().windowStart()));
    }

    @Test
    void beforeTheStepsFirstWholeMinuteNothingIsJudgedYet() {
        Instant halfPast = started.plusSeconds(30);
        startAt(0, rollout(1.0, null, null, List.of()), halfPast);
        traffic(started.plusSeconds(40), V2, 100, 100, 100.0);
        clock.set(started.plusSeconds(50));

        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(DecisionKind.HOLD, record.effect(), record::toString),
                () -> assertEquals(0, stored().lastObservation().requests()));
    }

    @Test
    void tooFewCanaryRequestsHoldAndTheDocumentShowsTheObservation() {
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 49, 49, 5000.0);

        RolloutRecord record = runOnce();

        RolloutDocument doc = stored();
        assertAll(
                () -> assertEquals(DecisionKind.HOLD, record.effect()),
                () -> assertTrue(record.detail().startsWith("too few requests: 49 canary requests"), record.detail()),
                () -> assertEquals(Map.of(V1, 95, V2, 5), liveWeights()),
                () -> assertEquals(0, doc.step()),
                () -> assertEquals(2, doc.revision(), "holds are written too"),
                () -> assertEquals("hold", doc.lastObservation().decision()),
                () -> assertEquals(49, doc.lastObservation().requests()),
                () -> assertEquals(100.0, doc.lastObservation().errorRatePercent()),
                () -> assertEquals(RolloutEvent.Kind.START, last(doc).event(), "a hold is no state change"));
    }

    @Test
    void theLastStepCompletesAndKeepsTheWeights() {
        startAt(3, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 500, 0, 80.0);

        RolloutRecord record = runOnce();

        RolloutDocument doc = stored();
        assertAll(
                () -> assertEquals(DecisionKind.COMPLETE, record.effect()),
                () -> assertNull(record.weights()),
                () -> assertEquals(Map.of(V1, 0, V2, 100), liveWeights()),
                () -> assertEquals(RolloutState.COMPLETED, doc.state()),
                () -> assertEquals(RolloutEvent.Kind.COMPLETE, last(doc).event()));
        assertTrue(runAll().isEmpty(), "a completed rollout is ignored");
    }

    @Test
    void aCanaryAboveTheErrorRateIsRolledBackToTheBaseline() {
        startAt(1, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 200, 3, 100.0);
        traffic(V1, 600, 0, 100.0);
        clock.set(started.plusSeconds(90)); // before the interval is over: an unhealthy canary does not wait

        RolloutRecord record = runOnce();

        RolloutDocument doc = stored();
        assertAll(
                () -> assertEquals(DecisionKind.ROLLBACK, record.effect()),
                () -> assertEquals("error rate 1.5% (3 of 200) above 1%", record.detail()),
                () -> assertEquals(Map.of(V1, 100, V2, 0), liveWeights()),
                () -> assertEquals(RolloutState.ROLLED_BACK, doc.state()),
                () -> assertEquals("error rate 1.5% (3 of 200) above 1%", doc.reason()),
                () -> assertEquals(RolloutEvent.Kind.ROLLBACK, last(doc).event()));
    }

    @Test
    void aCanaryP99AboveTheMaximumIsRolledBack() {
        startAt(0, rollout(1.0, 250.0, null, List.of()));
        traffic(V2, 100, 0, 300.0);

        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(DecisionKind.ROLLBACK, record.effect()),
                () -> assertEquals("p99 latency 300 ms above 250 ms", record.detail()),
                () -> assertEquals(Map.of(V1, 100, V2, 0), liveWeights()),
                () -> assertEquals(300.0, stored().lastObservation().p99Ms()));
    }

    @Test
    void aCanaryP99AboveRatioTimesTheBaselinesIsRolledBack() {
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 100, 0, 151.0);
        traffic(V1, 1900, 0, 100.0);

        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(DecisionKind.ROLLBACK, record.effect()),
                () -> assertEquals("p99 latency 151 ms above 1.5 x the baseline's 100 ms", record.detail()),
                () -> assertEquals(100.0, stored().lastObservation().baselineP99Ms()),
                () -> assertEquals(Map.of(V1, 100, V2, 0), liveWeights()));
    }

    @Test
    void aListedAlarmInAlarmRollsBackEvenAHealthyCanary() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("orders-checkout-errors")
                .namespace("Checkout")
                .metricName("Errors")
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        startAt(0, rollout(1.0, null, 1.5, List.of("orders-checkout-errors")));
        traffic(V2, 100, 0, 100.0);
        traffic(V1, 1900, 0, 100.0);

        cloudWatch.setAlarmState(r ->
                r.alarmName("orders-checkout-errors").stateValue(StateValue.OK).stateReason("fine"));
        RolloutRecord healthy = runOnce();
        assertEquals(DecisionKind.ADVANCE, healthy.effect(), healthy.detail());

        cloudWatch.setAlarmState(r -> r.alarmName("orders-checkout-errors")
                .stateValue(StateValue.ALARM)
                .stateReason("rehearsal"));
        clock.set(clock.instant().plusSeconds(60));
        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(DecisionKind.ROLLBACK, record.effect()),
                () -> assertEquals("alarm orders-checkout-errors in ALARM", record.detail()),
                () -> assertEquals(Map.of(V1, 100, V2, 0), liveWeights()),
                () -> assertEquals(RolloutState.ROLLED_BACK, stored().state()));
    }

    @Test
    void aListedAlarmThatDoesNotExistPausesAndSaysWhich() {
        startAt(0, rollout(1.0, null, 1.5, List.of("no-such-alarm")));

        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(DecisionKind.PAUSE, record.effect()),
                () -> assertTrue(record.detail().startsWith("alarm no-such-alarm does not exist"), record.detail()),
                () -> assertEquals(RolloutState.PAUSED, stored().state()),
                () -> assertEquals(Map.of(V1, 95, V2, 5), liveWeights()));
    }

    @Test
    void aHandEditPausesTheRolloutAndTheOperatorsWeightsStay() {
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 100, 0, 100.0);
        new TablePublisher(table).publishWeights(ROUTE, Map.of(V1, 50, V2, 50), false);

        RolloutRecord record = runOnce();

        RolloutDocument doc = stored();
        assertAll(
                () -> assertEquals(DecisionKind.PAUSE, record.effect()),
                () -> assertEquals(
                        "edited by hand: live {orders-v1=50, orders-v2=50}, expected {orders-v1=95, orders-v2=5}",
                        record.detail()),
                () -> assertEquals(Map.of(V1, 50, V2, 50), liveWeights()),
                () -> assertEquals(RolloutState.PAUSED, doc.state()),
                () -> assertEquals(RolloutEvent.Kind.PAUSE, last(doc).event()));

        RolloutRecord next = runOnce();
        assertAll(
                () -> assertEquals(RolloutOutcome.SKIPPED, next.outcome()),
                () -> assertEquals(doc.revision(), stored().revision(), "a paused rollout is not written"));
    }

    @Test
    void theSecondOfTwoRunsDecidingFromTheSameRevisionGivesUpAndWritesNothing() {
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 100, 0, 100.0);
        traffic(V1, 1900, 0, 100.0);
        RolloutDocument read = stored();
        ControllerRun first = wiring().newRun();
        ControllerRun second = wiring().newRun();

        RolloutRecord applied = first.handle(read, table.readRoutes());
        String versionAfterFirst = version();
        long parameterVersion = parameterVersion(LAYOUT.rolloutParameter(ROUTE));
        RolloutRecord gaveUp = second.handle(read, table.readRoutes());

        assertAll(
                () -> assertEquals(RolloutOutcome.APPLIED, applied.outcome()),
                () -> assertEquals(RolloutOutcome.STALE, gaveUp.outcome()),
                () -> assertNull(gaveUp.effect()),
                () -> assertTrue(
                        gaveUp.detail().startsWith("another writer moved the rollout to revision 2"), gaveUp.detail()),
                () -> assertEquals(parameterVersion, parameterVersion(LAYOUT.rolloutParameter(ROUTE))),
                () -> assertEquals(versionAfterFirst, version(), "no second publish"),
                () -> assertEquals(1, stored().step()),
                () -> assertEquals(Map.of(V1, 75, V2, 25), liveWeights()));
    }

    @Test
    void aPublishTheRoutersWouldRejectPausesTheRolloutWithTheReason() {
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 100, 0, 100.0);
        traffic(V1, 1900, 0, 100.0);
        put(LAYOUT.allowedFunctionsParameter(), V1); // the canary is no longer allowed

        RolloutRecord record = runOnce();

        RolloutDocument doc = stored();
        assertAll(
                () -> assertEquals(RolloutOutcome.PUBLISH_FAILED, record.outcome()),
                () -> assertEquals(DecisionKind.PAUSE, record.effect()),
                () -> assertEquals(RolloutState.PAUSED, doc.state()),
                () -> assertTrue(doc.reason().contains("failed"), doc.reason()),
                () -> assertTrue(doc.reason().contains(V2), doc.reason()),
                () -> assertEquals(Map.of(V1, 95, V2, 5), liveWeights()));
    }

    @Test
    void aRunStoppedBetweenDocumentAndPublishIsFinishedByTheNext() {
        // The document is at step 2 (25%), the route still at step 1's weights.
        startAt(1, rollout(1.0, null, 1.5, List.of()));
        new TablePublisher(table).publishWeights(ROUTE, Map.of(V1, 95, V2, 5), false);
        clock.set(started.plusSeconds(30));

        RolloutRecord record = runOnce();

        assertAll(
                () -> assertEquals(RolloutOutcome.APPLIED, record.outcome()),
                () -> assertEquals(DecisionKind.REPUBLISH, record.decision().kind()),
                () -> assertEquals(Map.of(V1, 75, V2, 25), liveWeights()),
                () -> assertEquals(RolloutState.RUNNING, stored().state()));
    }

    @Test
    void theHandlerRunsEveryRolloutAndSumsUpWhatHappened() {
        startAt(0, rollout(1.0, null, 1.5, List.of()));
        traffic(V2, 100, 0, 100.0);
        traffic(V1, 1900, 0, 100.0);
        startRoute("reports", "reports-v1", "reports-v2", 3); // at 100%, no traffic: holds

        Map<String, Object> summary = new RolloutControllerHandler(wiring()).handleRequest(Map.of(), null);

        assertEquals(Map.of("rollouts", 2, "advance", 1, "hold", 1), summary);
    }

    // --- set-up helpers ------------------------------------------------------------------------------------------

    private ControllerWiring wiring() {
        ControllerSettings settings = new ControllerSettings(LAYOUT, "LambdaRouter", SERVICE, null);
        return new ControllerWiring(
                settings, ssm, cloudWatch, RolloutListener.all(records::add, new RolloutLog()), clock);
    }

    private RolloutRecord runOnce() {
        List<RolloutRecord> all = runAll();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private List<RolloutRecord> runAll() {
        records.clear();
        List<RolloutRecord> ran = wiring().newRun().run();
        assertEquals(ran, records, "the listener hears every record");
        return ran;
    }

    /** The thresholds; the rest as the TEAM.md example (steps 5/25/50/100, 5 minutes, 50 requests). */
    private static RolloutDocument rollout(double maxErrorRate, Double maxP99, Double ratio, List<String> alarms) {
        return new RolloutDocument(
                RolloutDocument.SCHEMA,
                ROUTE,
                V2,
                Map.of(V1, 100),
                STEPS,
                INTERVAL.toSeconds(),
                maxErrorRate,
                maxP99,
                ratio,
                50,
                alarms,
                RolloutState.RUNNING,
                0,
                Instant.EPOCH,
                Map.of(),
                0,
                "",
                null,
                List.of());
    }

    /** Stores {@code rollout} at {@code step} (started at {@link #started}) and publishes that step's weights. */
    private void startAt(int step, RolloutDocument rollout) {
        startAt(step, rollout, started);
    }

    private void startAt(int step, RolloutDocument rollout, Instant stepStartedAt) {
        Map<String, Integer> weights = rollout.weightsAtStep(step);
        put(LAYOUT.routeParameter(ROUTE), route(ROUTE, "/orders", 100, weights));
        RolloutDocument doc = rollout.transition(
                RolloutEvent.Kind.START, RolloutState.RUNNING, step, weights, stepStartedAt, "started");
        assertTrue(rollouts.write(doc, 0) instanceof WriteOutcome.Written);
    }

    private void startRoute(String route, String baseline, String canary, int step) {
        RolloutDocument blank = new RolloutDocument(
                RolloutDocument.SCHEMA,
                route,
                canary,
                Map.of(baseline, 100),
                STEPS,
                INTERVAL.toSeconds(),
                1.0,
                null,
                1.5,
                50,
                List.of(),
                RolloutState.RUNNING,
                0,
                Instant.EPOCH,
                Map.of(),
                0,
                "",
                null,
                List.of());
        Map<String, Integer> weights = blank.weightsAtStep(step);
        put(LAYOUT.allowedFunctionsParameter(), String.join(",", V1, V2, baseline, canary));
        put(LAYOUT.routeParameter(route), route(route, "/" + route, 200, weights));
        assertTrue(
                rollouts.write(
                                blank.transition(
                                        RolloutEvent.Kind.START,
                                        RolloutState.RUNNING,
                                        step,
                                        weights,
                                        started,
                                        "started"),
                                0)
                        instanceof WriteOutcome.Written);
    }

    private static String route(String name, String prefix, int priority, Map<String, Integer> weights) {
        StringBuilder targets = new StringBuilder();
        weights.forEach((function, weight) -> targets.append(targets.length() == 0 ? "" : ", ")
                .append("{\"function\": \"")
                .append(function)
                .append("\", \"weight\": ")
                .append(weight)
                .append('}'));
        return "[{\"name\": \"" + name + "\", \"priority\": " + priority + ", \"match\": {\"paths\": [{\"prefix\": \""
                + prefix + "\"}]}, \"targets\": [" + targets + "]}]";
    }

    /**
     * What the router would have written for {@code requests} requests to {@code target}, {@code errors} of them 5xx,
     * all taking {@code latencyMs}: one datapoint each of Requests, Status5xx and Latency, 30 s into the step.
     */
    private void traffic(String target, int requests, int errors, double latencyMs) {
        traffic(started.plusSeconds(30), target, requests, errors, latencyMs);
    }

    private void traffic(Instant at, String target, int requests, int errors, double latencyMs) {
        List<Dimension> dimensions = List.of(
                Dimension.builder().name("Service").value(SERVICE).build(),
                Dimension.builder().name("Route").value(ROUTE).build(),
                Dimension.builder().name("Target").value(target).build());
        cloudWatch.putMetricData(r -> r.namespace("LambdaRouter")
                .metricData(
                        MetricDatum.builder()
                                .metricName("Requests")
                                .dimensions(dimensions)
                                .timestamp(at)
                                .value((double) requests)
                                .build(),
                        MetricDatum.builder()
                                .metricName("Status5xx")
                                .dimensions(dimensions)
                                .timestamp(at)
                                .value((double) errors)
                                .build(),
                        MetricDatum.builder()
                                .metricName("Latency")
                                .dimensions(dimensions)
                                .timestamp(at)
                                .values(latencyMs)
                                .counts((double) requests)
                                .build()));
    }

    private static void put(String name, String value) {
        ssm.putParameter(
                r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    private RolloutDocument stored() {
        return rollouts.read(ROUTE).orElseThrow().require();
    }

    private Map<String, Integer> liveWeights() {
        return new LinkedHashMap<>(RouteWeights.current(table.readRoutes(), ROUTE));
    }

    private String version() {
        return table.readVersion().orElse(null);
    }

    private static long parameterVersion(String name) {
        return ssm.getParameter(r -> r.name(name)).parameter().version();
    }

    private static RolloutEvent last(RolloutDocument doc) {
        return doc.history().get(doc.history().size() - 1);
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
