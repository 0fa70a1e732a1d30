package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteSource;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.RouterSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The routing table in force, kept fresh from a {@link RouteSourceReader}.
 *
 * <ul>
 *   <li>Only the first load (and the first request after a SnapStart restore) waits for the store. After that,
 *       {@link #current()} never blocks: an expired TTL schedules a background refresh and the request is served
 *       from the table in force.</li>
 *   <li>Each check reads the small version parameter; routes are re-listed only when it changed, or when the
 *       full-reload interval elapsed (a safety net for edits published without a version bump).</li>
 *   <li>An edit that fails validation is rejected whole and the last known good table stays in force; so does
 *       the table when the store is unreachable.</li>
 *   <li>The TTL carries random jitter so that a fleet of routers does not refresh in lock-step
 *       ({@link RefreshSchedule}: at most min(configured jitter, TTL / 2)).</li>
 * </ul>
 */
public final class RoutingTableCache {

    /** While no table was ever loaded, how long to wait between synchronous attempts. */
    private static final long COLD_RETRY_NANOS = Duration.ofSeconds(2).toNanos();

    private final RouteSourceReader reader;
    private final FunctionAllowlist allowlist;
    private final RoutingTableListener listener;
    private final Executor refresher;
    private final LongSupplier nanoClock;
    private final DoubleSupplier jitterFraction;
    private final RefreshSchedule schedule;
    private final long fullReloadNanos;

    private final Object loadLock = new Object();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile RoutingTable table;
    private volatile boolean trusted;
    private volatile long nextCheckNanos;
    private volatile long nextFullReloadNanos;
    private volatile long nextColdAttemptNanos;
    private volatile String lastFailure = "not loaded yet";
    private volatile String lastListedVersion;
    private boolean versionMissingReported;
    private volatile RouteSourceReader bootstrap;

    public RoutingTableCache(
            RouteSourceReader reader,
            RouterSettings settings,
            RoutingTableListener listener,
            Executor refresher,
            LongSupplier nanoClock,
            DoubleSupplier jitterFraction) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.allowlist = settings.allowedFunctions();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.jitterFraction = Objects.requireNonNull(jitterFraction, "jitterFraction");
        this.schedule = new RefreshSchedule(settings.configTtl(), settings.configJitter());
        this.fullReloadNanos = settings.fullReloadInterval().toNanos();
    }

    /**
     * The table to route this request with, or empty when none could ever be loaded (see {@link #lastFailure()}).
     */
    public Optional<RoutingTable> current() {
        RoutingTable inForce = table;
        if (inForce == null || !trusted) {
            return Optional.ofNullable(loadBlocking());
        }
        if (nanoClock.getAsLong() - nextCheckNanos >= 0 && refreshing.compareAndSet(false, true)) {
            try {
                refresher.execute(this::refreshInBackground);
            } catch (RuntimeException rejected) {
                refreshing.set(false);
            }
        }
        return Optional.of(inForce);
    }

    /**
     * A table to serve when the store cannot be read and no table was ever loaded (cold start during an outage).
     * It is replaced by the store's table as soon as a check succeeds.
     */
    public RoutingTableCache withBootstrap(RouteSourceReader bootstrapSource) {
        this.bootstrap = bootstrapSource;
        return this;
    }

    /** Why there is no table, for the 503 answer and the logs. */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Forget that the table in force was checked. Called after a SnapStart restore: the snapshot may be days old,
     * so the next request re-reads the store before routing (falling back to the old table if it cannot).
     */
    public void markStale() {
        trusted = false;
        lastListedVersion = null;
    }

    /** Check the store now, on the caller's thread. Returns the table in force afterwards (may be null). */
    public RoutingTable refreshNow() {
        synchronized (loadLock) {
            refresh();
            return table;
        }
    }

    private RoutingTable loadBlocking() {
        synchronized (loadLock) {
            if (table != null && trusted) {
                return table;
            }
            long now = nanoClock.getAsLong();
            if (table == null && nextColdAttemptNanos != 0 && now - nextColdAttemptNanos < 0) {
                return null;
            }
            refresh();
            if (table == null && bootstrap != null) {
                loadBootstrap();
            }
            // Whatever happened, the table in force (old or new) is now the one to use: a store outage after a
            // restore must not turn into an outage of the router.
            trusted = table != null;
            if (table == null) {
                nextColdAttemptNanos = nanoClock.getAsLong() + COLD_RETRY_NANOS;
            }
            return table;
        }
    }

    private void loadBootstrap() {
        try {
            RoutingTable compiled = RoutingTable.compile("bootstrap", bootstrap.readRoutes());
            List<String> forbidden = allowlist.violations(compiled);
            if (!forbidden.isEmpty()) {
                listener.tableRejected("bootstrap", forbidden, null);
                return;
            }
            table = compiled;
            lastListedVersion = null;
            listener.tableLoaded(compiled, 0);
        } catch (ConfigValidationException e) {
            listener.tableRejected("bootstrap", e.problems(), null);
        } catch (ConfigSourceException e) {
            listener.sourceUnavailable(e.getMessage(), null);
        }
    }

    private void refreshInBackground() {
        try {
            synchronized (loadLock) {
                refresh();
            }
        } finally {
            refreshing.set(false);
        }
    }

    /** One check against the store. Never throws; outcomes go to the listener. Caller holds {@code loadLock}. */
    private void refresh() {
        long started = nanoClock.getAsLong();
        try {
            Optional<String> version = reader.readVersion();
            boolean fullReloadDue = started - nextFullReloadNanos >= 0;
            if (table != null
                    && trusted
                    && version.isPresent()
                    && version.get().equals(lastListedVersion)
                    && !fullReloadDue) {
                scheduleNextCheck(started);
                return;
            }
            if (version.isEmpty() && !versionMissingReported) {
                versionMissingReported = true;
                listener.versionParameterMissing(reader.describe());
            }
            List<RouteSource> sources = reader.readRoutes();
            String label = version.orElse("unversioned");
            lastListedVersion = version.orElse(null);
            nextFullReloadNanos = started + fullReloadNanos;
            try {
                RoutingTable compiled = RoutingTable.compile(label, sources);
                List<String> forbidden = allowlist.violations(compiled);
                if (!forbidden.isEmpty()) {
                    throw new ForbiddenTargetsException(forbidden);
                }
                table = compiled;
                trusted = true;
                lastFailure = null;
                listener.tableLoaded(
                        compiled,
                        Duration.ofNanos(nanoClock.getAsLong() - started).toMillis());
            } catch (ConfigValidationException e) {
                lastFailure = "the routing configuration (version " + label + ") is invalid";
                listener.tableRejected(label, e.problems(), table);
            } catch (ForbiddenTargetsException e) {
                lastFailure = "the routing configuration (version " + label + ") names functions the router may"
                        + " not invoke";
                listener.tableRejected(label, e.problems, table);
            }
        } catch (ConfigSourceException e) {
            lastFailure = "the routing configuration store is unreachable";
            listener.sourceUnavailable(e.getMessage(), table);
        } catch (RuntimeException e) {
            lastFailure = "the routing configuration could not be loaded";
            listener.sourceUnavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), table);
        }
        scheduleNextCheck(started);
    }

    /** A compiled table names functions outside the allowlist. */
    private static final class ForbiddenTargetsException extends Exception {
        final List<String> problems;

        ForbiddenTargetsException(List<String> problems) {
            super(null, null, false, false);
            this.problems = problems;
        }
    }

    private void scheduleNextCheck(long now) {
        nextCheckNanos = now + schedule.delayNanos(jitterFraction.getAsDouble());
    }
}
