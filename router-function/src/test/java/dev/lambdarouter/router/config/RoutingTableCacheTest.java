package dev.lambdarouter.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.observability.MetricDimensions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoutingTableCacheTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    /** An editable store that counts calls, standing in for Parameter Store. */
    static final class EditableSource implements RouteRepository {
        volatile String version = "1";
        volatile List<RouteParameter> routes = List.of(route("orders-v1"));
        volatile boolean down;
        int versionReads;
        int listings;

        @Override
        public Optional<String> readVersion() throws ConfigSourceException {
            versionReads++;
            if (down) {
                throw new ConfigSourceException("connection refused", null);
            }
            return Optional.ofNullable(version);
        }

        @Override
        public List<RouteParameter> readRoutes() throws ConfigSourceException {
            listings++;
            if (down) {
                throw new ConfigSourceException("connection refused", null);
            }
            return routes;
        }

        @Override
        public String describe() {
            return "test";
        }
    }

    static final class RecordingListener implements RoutingTableListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void tableLoaded(RoutingTable table, long loadMillis) {
            events.add("loaded " + table.version());
        }

        @Override
        public void tableRejected(String version, List<String> problems, RoutingTable stillInForce) {
            events.add("rejected " + version);
        }

        @Override
        public void sourceUnavailable(String message, RoutingTable stillInForce) {
            events.add("unavailable");
        }

        @Override
        public void staleTableServed(RoutingTable stale, long waitedMillis) {
            events.add("stale " + stale.version() + " after " + waitedMillis + " ms");
        }
    }

    /** A store whose reads block until released, and that says when a read has started. */
    static final class HangingSource implements RouteRepository {
        final EditableSource store;
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch reading = new CountDownLatch(1);
        volatile boolean hanging = true;

        HangingSource(EditableSource store) {
            this.store = store;
        }

        private void maybeHang() {
            if (hanging) {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Optional<String> readVersion() throws ConfigSourceException {
            maybeHang();
            return store.readVersion();
        }

        @Override
        public List<RouteParameter> readRoutes() throws ConfigSourceException {
            return store.readRoutes();
        }

        @Override
        public String describe() {
            return "hanging";
        }
    }

    static RouteParameter route(String function) {
        return new RouteParameter("/lambda-router/test/routes/orders", """
                {"name":"orders","priority":1,"match":{"paths":[{"prefix":"/orders"}]},
                 "targets":[{"function":"%s","weight":1}]}""".formatted(function));
    }

    private final EditableSource source = new EditableSource();
    private final RecordingListener listener = new RecordingListener();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    // Background refreshes run inline so that the test is deterministic.
    private final RoutingTableCache cache = new RoutingTableCache(
            source,
            new RouterSettings("/lambda-router/test", TTL, Duration.ZERO, Duration.ofMinutes(5), "/_router/health"),
            listener,
            Runnable::run,
            now::get,
            () -> 0.0);

    private String targetFor(RoutingTable table) {
        RoutingRequest request = new RoutingRequest("GET", "h", "/orders/1", Map.of(), Map.of(), null);
        RouteDecision decision = table.route(request, new SplittableRandom(1)).orElseThrow();
        return ((RouteDecision.Dispatch) decision).target().function();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void firstRequestLoadsTheTable() {
        assertEquals("not loaded yet", cache.lastFailure());
        assertEquals(0, source.versionReads, "nothing is read before the first request");
        RoutingTable table = cache.current().orElseThrow();
        assertEquals("orders-v1", targetFor(table));
        assertNull(cache.lastFailure());
        assertEquals(List.of("loaded 1"), listener.events);
    }

    @Test
    void withinTheTtlTheStoreIsNotAsked() {
        cache.current();
        advance(TTL.minusSeconds(1));
        cache.current();
        cache.current();
        assertEquals(1, source.versionReads);
        assertEquals(1, source.listings);
    }

    @Test
    void afterTheTtlOnlyTheVersionIsReadWhenItDidNotChange() {
        cache.current();
        advance(TTL);
        cache.current();
        assertEquals(2, source.versionReads);
        assertEquals(1, source.listings, "unchanged version: routes are not re-listed");
    }

    @Test
    void aNewVersionIsListedAndPutInForce() {
        cache.current();
        source.routes = List.of(route("orders-v2"));
        source.version = "2";
        advance(TTL);
        cache.current(); // schedules (here: runs) the refresh, still answers from the old table
        RoutingTable table = cache.current().orElseThrow();
        assertEquals("2", table.version());
        assertEquals("orders-v2", targetFor(table));
    }

    @Test
    void anInvalidEditIsRejectedAndTheLastKnownGoodTableStays() {
        RoutingTable good = cache.current().orElseThrow();
        source.routes = List.of(new RouteParameter("/lambda-router/test/routes/orders", "{\"name\":\"orders\"}"));
        source.version = "2";
        advance(TTL);
        cache.current();
        assertSame(good, cache.current().orElseThrow());
        assertEquals(List.of("loaded 1", "rejected 2"), listener.events);
        advance(TTL);
        cache.current();
        assertEquals(2, source.listings, "a rejected version is not re-listed on every TTL");
    }

    @Test
    void anUnreachableStoreKeepsTheTableInForce() {
        RoutingTable good = cache.current().orElseThrow();
        source.down = true;
        advance(TTL);
        assertSame(good, cache.current().orElseThrow());
        assertSame(good, cache.current().orElseThrow());
        assertTrue(listener.events.contains("unavailable"));
    }

    @Test
    void withoutAnyTableTheFailureIsReportedAndRetriedAfterABackoff() {
        source.down = true;
        assertTrue(cache.current().isEmpty());
        assertTrue(cache.lastFailure().contains("unreachable"), cache.lastFailure());
        assertTrue(cache.current().isEmpty());
        assertEquals(1, source.versionReads, "no synchronous retry on every request");
        source.down = false;
        advance(Duration.ofSeconds(3));
        assertTrue(cache.current().isPresent());
    }

    @Test
    void aStaleTableIsReReadBeforeItIsTrusted() {
        cache.current();
        source.routes = List.of(route("orders-v2"));
        // same version marker: only a full re-read after a restore can see this
        cache.markStale();
        assertEquals("orders-v2", targetFor(cache.current().orElseThrow()));
    }

    @Test
    void aShortTtlIsNotStretchedByTheJitter() {
        // The local tour's TTL of 2 s with the default jitter of 10 s: the largest jitter is TTL / 2.
        RoutingTableCache shortTtl = new RoutingTableCache(
                source,
                new RouterSettings(
                        "/lambda-router/test",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(5),
                        "/_router/health"),
                listener,
                Runnable::run,
                now::get,
                () -> Math.nextDown(1.0));
        shortTtl.current();
        source.routes = List.of(route("orders-v2"));
        source.version = "2";
        advance(Duration.ofSeconds(3));
        shortTtl.current(); // the check is due: runs (here inline) and puts version 2 in force
        assertEquals("orders-v2", targetFor(shortTtl.current().orElseThrow()));
    }

    /** A cache over {@code reader} that refreshes on a real thread and waits at most {@code wait} for a load. */
    private RoutingTableCache threaded(RouteRepository reader, Duration wait, ExecutorService refresher) {
        return new RoutingTableCache(
                reader,
                new RouterSettings("/lambda-router/test", TTL, Duration.ZERO, Duration.ofMinutes(5), "/_router/health")
                        .withConfigLoadWait(wait),
                listener,
                refresher,
                now::get,
                () -> 0.0);
    }

    @Test
    void afterARestoreARefreshThatDoesNotFinishInTimeServesTheSnapshotTableAndSaysSo() throws Exception {
        HangingSource store = new HangingSource(source);
        store.hanging = false;
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RoutingTableCache restored = threaded(store, Duration.ofMillis(200), refresher);
            RoutingTable snapshot = restored.current().orElseThrow();
            store.hanging = true;
            source.routes = List.of(route("orders-v2"));
            source.version = "2";
            restored.markStale(); // what the SnapStart hook does: no call to the store
            assertEquals(1, source.versionReads, "marking stale reads nothing");

            // The store never answers: the first request gets the snapshot's table once the wait is over.
            assertSame(snapshot, restored.current().orElseThrow());
            assertTrue(store.reading.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("loaded 1", "stale 1 after 200 ms"), listener.events);
            assertSame(snapshot, restored.current().orElseThrow(), "one request waits, the next ones do not");

            // The refresh goes on; when the store answers, its table is put in force.
            store.release.countDown();
            refresher.submit(() -> {}).get(5, TimeUnit.SECONDS); // the refresher thread is done with the refresh
            assertEquals("orders-v2", targetFor(restored.current().orElseThrow()));
            assertEquals(
                    List.of("loaded 1", "stale 1 after 200 ms", "stale 1 after 0 ms", "loaded 2"), listener.events);
        } finally {
            store.release.countDown();
            refresher.shutdownNow();
        }
    }

    @Test
    void withoutATableARequestWaitsAtMostTheLoadWaitThenTheLoadGoesOn() throws Exception {
        HangingSource store = new HangingSource(source);
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RoutingTableCache cold = threaded(store, Duration.ofMillis(200), refresher);
            assertTrue(cold.current().isEmpty());
            assertEquals("the routing configuration store did not answer within 200 ms", cold.lastFailure());
            store.release.countDown();
            refresher.submit(() -> {}).get(5, TimeUnit.SECONDS);
            assertEquals("orders-v1", targetFor(cold.current().orElseThrow()));
            assertEquals(1, source.versionReads, "one load, not one per request");
        } finally {
            store.release.countDown();
            refresher.shutdownNow();
        }
    }

    @Test
    void theBootstrapTableServesWhenTheStoreDoesNotAnswerInTime() throws Exception {
        HangingSource store = new HangingSource(source);
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RoutingTableCache cold = threaded(store, Duration.ofMillis(200), refresher)
                    .withBootstrap(new StaticRouteRepository("bootstrap", List.of(route("orders-bootstrap"))));
            assertEquals("orders-bootstrap", targetFor(cold.current().orElseThrow()));
            store.release.countDown();
            refresher.submit(() -> {}).get(5, TimeUnit.SECONDS);
            assertEquals("orders-v1", targetFor(cold.current().orElseThrow()), "the store's table replaces it");
        } finally {
            store.release.countDown();
            refresher.shutdownNow();
        }
    }

    @Test
    void fullReloadCatchesEditsPublishedWithoutAVersionBump() {
        cache.current();
        source.routes = List.of(route("orders-v2"));
        advance(Duration.ofMinutes(5));
        cache.current();
        assertEquals("orders-v2", targetFor(cache.current().orElseThrow()));
    }

    @Test
    void aTableNamingAFunctionOutsideTheAllowlistIsRejected() {
        RouterSettings settings = new RouterSettings(
                "/lambda-router/test",
                TTL,
                Duration.ZERO,
                Duration.ofMinutes(5),
                "/_router/health",
                FunctionAllowlist.parse("orders-v1"),
                Duration.ofSeconds(60),
                Optional.empty(),
                RouterSettings.DEFAULT_CONFIG_LOAD_WAIT,
                MetricDimensions.ROUTE_AND_TARGET);
        RoutingTableCache guarded =
                new RoutingTableCache(source, settings, listener, Runnable::run, now::get, () -> 0.0);
        RoutingTable good = guarded.current().orElseThrow();
        source.routes = List.of(route("arn:aws:lambda:us-east-1:123456789012:function:payments"));
        source.version = "2";
        advance(TTL);
        guarded.current();
        assertSame(good, guarded.current().orElseThrow());
        assertEquals(List.of("loaded 1", "rejected 2"), listener.events);
    }

    @Test
    void theBootstrapTableServesWhenTheStoreIsDownAtColdStart() {
        source.down = true;
        cache.withBootstrap(new StaticRouteRepository("bootstrap", List.of(route("orders-bootstrap"))));
        assertEquals("orders-bootstrap", targetFor(cache.current().orElseThrow()));
        source.down = false;
        advance(TTL);
        cache.current();
        assertEquals("orders-v1", targetFor(cache.current().orElseThrow()), "the store's table replaces it");
    }

    @Test
    void anEarlyLoadPutsTheTableInForceBeforeTheFirstRequest() {
        cache.loadInBackground();
        assertEquals(List.of("loaded 1"), listener.events);
        assertEquals("orders-v1", targetFor(cache.current().orElseThrow()));
        assertEquals(1, source.versionReads, "the first request uses the early load's table");
        assertEquals(1, source.listings);
    }

    /**
     * An environment initialised ahead of its traffic (provisioned concurrency): the first request comes after the
     * TTL of the table loaded at init, and waits for a check (a full re-read, as after a restore) before using it.
     */
    @Test
    void aTableLoadedEarlyIsCheckedBeforeAFirstRequestThatComesAfterItsTtl() {
        cache.loadInBackground();
        source.routes = List.of(route("orders-v2")); // edited without a version bump
        advance(TTL);
        assertEquals("orders-v2", targetFor(cache.current().orElseThrow()));
        assertEquals(2, source.listings);
        advance(Duration.ofSeconds(1));
        cache.current();
        assertEquals(2, source.versionReads, "then the TTL applies as usual");
    }

    @Test
    void anEarlyLoadThatFailedArmsNoBackoffTheFirstRequestLoadsAtOnce() {
        source.down = true;
        cache.loadInBackground();
        assertEquals(List.of("unavailable"), listener.events);
        source.down = false;
        assertEquals("orders-v1", targetFor(cache.current().orElseThrow()), "no wait for a backoff");
        assertEquals(2, source.versionReads);
    }

    @Test
    void whenTheFirstRequestsOwnLoadFailsTooTheBackoffApplies() {
        source.down = true;
        cache.loadInBackground();
        assertTrue(cache.current().isEmpty());
        assertEquals(2, source.versionReads, "the early load, then the request's own");
        assertTrue(cache.lastFailure().contains("unreachable"), cache.lastFailure());
        assertTrue(cache.current().isEmpty());
        assertEquals(2, source.versionReads, "then the usual backoff");
    }

    @Test
    void anEarlyLoadSeesATableOrALoadInFlightAndDoesNothing() {
        cache.current();
        cache.loadInBackground();
        assertEquals(1, source.versionReads);
    }

    /**
     * The first request arrives while the early load is in flight and waits for it; the load then fails (as a
     * call frozen with the environment fails when it is thawed): the request loads the table itself, within the
     * same bounded wait.
     */
    @Test
    void aRequestWaitingForAnEarlyLoadThatFailsLoadsTheTableItself() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong reads = new AtomicLong();
        RouteRepository failsFirst = new RouteRepository() {
            @Override
            public Optional<String> readVersion() throws ConfigSourceException {
                if (reads.incrementAndGet() == 1) {
                    reading.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new ConfigSourceException("the call timed out", null);
                }
                return source.readVersion();
            }

            @Override
            public List<RouteParameter> readRoutes() throws ConfigSourceException {
                return source.readRoutes();
            }

            @Override
            public String describe() {
                return "fails first";
            }
        };
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            RoutingTableCache cold = threaded(failsFirst, Duration.ofSeconds(5), refresher);
            cold.loadInBackground();
            assertTrue(reading.await(5, TimeUnit.SECONDS));
            Thread releaser = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            });
            releaser.start();
            assertEquals("orders-v1", targetFor(cold.current().orElseThrow()));
            assertEquals(2, reads.get());
            assertEquals(List.of("unavailable", "loaded 1"), listener.events);
            releaser.join();
        } finally {
            release.countDown();
            refresher.shutdownNow();
        }
    }
}
