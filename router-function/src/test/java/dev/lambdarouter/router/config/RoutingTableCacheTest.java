package dev.lambdarouter.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteSource;
import dev.lambdarouter.engine.RoutingRequest;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.RouterSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoutingTableCacheTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    /** An editable store that counts calls, standing in for Parameter Store. */
    static final class EditableSource implements RouteSourceReader {
        volatile String version = "1";
        volatile List<RouteSource> routes = List.of(route("orders-v1"));
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
        public List<RouteSource> readRoutes() throws ConfigSourceException {
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
    }

    static RouteSource route(String function) {
        return new RouteSource("/lambda-router/test/routes/orders", """
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
        return table.route(request, new SplittableRandom(1))
                .orElseThrow()
                .target()
                .function();
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
        source.routes = List.of(new RouteSource("/lambda-router/test/routes/orders", "{\"name\":\"orders\"}"));
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
                Optional.empty());
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
        cache.withBootstrap(new StaticRouteSource("bootstrap", List.of(route("orders-bootstrap"))));
        assertEquals("orders-bootstrap", targetFor(cache.current().orElseThrow()));
        source.down = false;
        advance(TTL);
        cache.current();
        assertEquals("orders-v1", targetFor(cache.current().orElseThrow()), "the store's table replaces it");
    }
}
