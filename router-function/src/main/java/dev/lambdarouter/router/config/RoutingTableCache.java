package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.ForbiddenFunctionsException;
import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.RouterSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The routing table in force, kept fresh from a {@link RouteRepository}.
 *
 * <ul>
 *   <li>A request waits for the store only when there is no table it may use: at a cold start, and on the first
 *       request after a SnapStart restore ({@link #markStale()}). It waits at most
 *       {@link RouterSettings#configLoadWait()}; the load goes on in the background after that. Meanwhile the
 *       table from the snapshot serves (reported through {@link RoutingTableListener#staleTableServed}), or, with
 *       none, the bootstrap table or nothing (the request gets a 503).</li>
 *   <li>At a cold start the first load may begin before the first request ({@link #loadInBackground()}, during
 *       the init phase); the first request then waits for that load as for its own. If it fails, the first request
 *       does not take its failure as its own: it starts a load of its own at once, within the same bounded wait.
 *       If the first request comes after that table's TTL (an environment initialised ahead of its traffic), the
 *       table is treated as after a restore: the request waits, a bounded time, for a check of the store.</li>
 *   <li>After that, {@link #current()} never blocks: an expired TTL schedules a background refresh and the request
 *       is served from the table in force.</li>
 *   <li>Each check reads the small version parameter; routes are re-listed only when it changed, or when the
 *       full-reload interval elapsed (a safety net for edits published without a version bump).</li>
 *   <li>An edit that fails validation is rejected whole and the last known good table stays in force; so does
 *       the table when the store is unreachable.</li>
 *   <li>The TTL carries random jitter so that a fleet of routers does not refresh in lock-step
 *       ({@link RefreshSchedule}: at most min(configured jitter, TTL / 2)).</li>
 * </ul>
 *
 * <p>One refresh runs at a time, on the refresher executor; no lock is held while the store is read.
 */
public final class RoutingTableCache {

    /** While no table was ever loaded, how long to wait after a failed load before a request starts another. */
    private static final long COLD_RETRY_NANOS = Duration.ofSeconds(2).toNanos();

    private final RouteRepository repository;
    private final FunctionAllowlist allowlist;
    private final RoutingTableListener listener;
    private final Executor refresher;
    private final LongSupplier nanoClock;
    private final DoubleSupplier jitterFraction;
    private final RefreshSchedule schedule;
    private final long fullReloadNanos;
    private final Duration loadWait;

    /** Guards {@link #inFlight} and the switch between the bootstrap table and the store's. Never held during I/O. */
    private final Object lock = new Object();

    private CompletableFuture<Void> inFlight;

    /** The load {@link #loadInBackground()} started, until a request has waited for it. Guarded by {@link #lock}. */
    private CompletableFuture<Void> earlyLoad;

    private volatile RoutingTable table;
    /**
     * False while no check of the store has completed since the table was loaded from outside it (bootstrap) or
     * marked stale: requests then wait (a bounded time) for that check instead of serving the table right away.
     */
    private volatile boolean checked;

    /** The table in force was loaded by {@link #loadInBackground()} and no request has used it yet. */
    private volatile boolean loadedEarly;

    /** A request already waited in vain for the check of the stale table in force. */
    private volatile boolean staleWaitSpent;

    private volatile long nextCheckNanos;
    private volatile long nextFullReloadNanos;
    private volatile long nextColdAttemptNanos;
    private volatile String lastFailure = "not loaded yet";
    private volatile String lastListedVersion;
    private boolean versionMissingReported;
    private volatile RouteRepository bootstrap;

    public RoutingTableCache(
            RouteRepository repository,
            RouterSettings settings,
            RoutingTableListener listener,
            Executor refresher,
            LongSupplier nanoClock,
            DoubleSupplier jitterFraction) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.allowlist = settings.allowedFunctions();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.jitterFraction = Objects.requireNonNull(jitterFraction, "jitterFraction");
        this.schedule = new RefreshSchedule(settings.configTtl(), settings.configJitter());
        this.fullReloadNanos = settings.fullReloadInterval().toNanos();
        this.loadWait = settings.configLoadWait();
    }

    /**
     * The table to route this request with, or empty when none could be loaded (see {@link #lastFailure()}).
     * Blocks for at most {@link RouterSettings#configLoadWait()}.
     */
    public Optional<RoutingTable> current() {
        if (loadedEarly) {
            loadedEarly = false;
            if (nanoClock.getAsLong() - nextCheckNanos >= 0) {
                markStale(); // loaded at init, first needed after its TTL: checked before it is trusted
            }
        }
        RoutingTable inForce = table;
        if (inForce == null || !checked) {
            return Optional.ofNullable(awaitCheck());
        }
        if (nanoClock.getAsLong() - nextCheckNanos >= 0) {
            // Not awaited: the check reports its outcome to the listener and never completes exceptionally.
            CompletableFuture<Void> unused = startRefresh();
        }
        return Optional.of(inForce);
    }

    /**
     * A table to serve when the store cannot be read and no table was ever loaded (cold start during an outage).
     * It is replaced by the store's table as soon as a check succeeds.
     */
    public RoutingTableCache withBootstrap(RouteRepository bootstrapSource) {
        this.bootstrap = bootstrapSource;
        return this;
    }

    /** Why there is no table, for the 503 answer and the logs. */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Forget that the table in force was checked. Called by the SnapStart restore hook, so it reads nothing: the
     * snapshot may be days old, and the next request waits (a bounded time) for a check of the store.
     */
    public void markStale() {
        staleWaitSpent = false;
        checked = false;
        lastListedVersion = null;
    }

    /**
     * Starts the first load of the table now, on the refresher, and returns at once: called at init when a request
     * follows it (on-demand and provisioned-concurrency environments), so that the load overlaps the rest of the
     * init. A request that arrives during the load waits for it, at most {@link RouterSettings#configLoadWait()}.
     * A failed early load arms no retry backoff: the first request starts a load of its own at once. The TTL runs
     * from the start of the load, so a table loaded at init and first used much later (provisioned concurrency, an
     * environment initialised ahead of its first request) is checked again before that request uses it, as after a
     * SnapStart restore ({@link #markStale()}). Does nothing when a load is in flight or a table was already loaded.
     */
    public void loadInBackground() {
        synchronized (lock) {
            if (table != null || inFlight != null) {
                return;
            }
        }
        // Not awaited: the first request waits for it; it never completes exceptionally.
        CompletableFuture<Void> unused = startRefresh(true);
    }

    /** Check the store now and wait, without a bound, for the check to end. Returns the table in force (may be null). */
    public RoutingTable refreshNow() {
        startRefresh().join();
        return table;
    }

    /**
     * Waits for a check of the store, at most {@link #loadWait}; returns the table to serve (may be null). A stale
     * table costs one wait only: once a request has waited in vain, the next ones are served it right away until
     * the check ends.
     */
    private RoutingTable awaitCheck() {
        synchronized (lock) {
            if (table == null && inFlight == null && coldRetryPending()) {
                return null;
            }
        }
        long deadline = System.nanoTime() + loadWait.toNanos();
        CompletableFuture<Void> check = startRefresh(false);
        boolean waits = table == null || !staleWaitSpent;
        boolean finished = waits ? await(check, deadline) : check.isDone();
        if (finished && table == null && takeEarlyLoad(check)) {
            // The load of the init phase failed (it may have been frozen with the environment): try again now.
            check = startRefresh(false);
            finished = await(check, deadline);
        }
        RoutingTable inForce = table;
        if (inForce == null) {
            if (!finished) {
                lastFailure = "the routing configuration store did not answer within " + loadWait.toMillis() + " ms";
            }
            return bootstrap == null ? null : loadBootstrap();
        }
        if (!finished && !checked) {
            staleWaitSpent = true;
            listener.staleTableServed(inForce, waits ? loadWait.toMillis() : 0);
        }
        return inForce;
    }

    private boolean coldRetryPending() {
        return nextColdAttemptNanos != 0 && nanoClock.getAsLong() - nextColdAttemptNanos < 0;
    }

    /** Whether {@code check} is the early load, which no request waited for yet; it is not one any more after. */
    private boolean takeEarlyLoad(CompletableFuture<Void> check) {
        synchronized (lock) {
            if (earlyLoad != check) {
                return false;
            }
            earlyLoad = null;
            return true;
        }
    }

    /** Waits for {@code check} until {@code deadline} ({@link System#nanoTime()}); whether it finished. */
    private boolean await(CompletableFuture<Void> check, long deadline) {
        try {
            check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return check.isDone();
        } catch (ExecutionException e) {
            return true; // a refresh reports its failures to the listener and never completes exceptionally
        }
    }

    /** The refresh in flight, or a new one on the refresher executor. */
    private CompletableFuture<Void> startRefresh() {
        return startRefresh(false);
    }

    /**
     * The refresh in flight, or a new one on the refresher executor.
     *
     * @param early started by {@link #loadInBackground()}, not by a request
     */
    private CompletableFuture<Void> startRefresh(boolean early) {
        CompletableFuture<Void> started;
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            started = new CompletableFuture<>();
            inFlight = started;
            if (early) {
                earlyLoad = started;
            }
        }
        try {
            refresher.execute(() -> runRefresh(started, early));
        } catch (RejectedExecutionException shutDown) {
            finishRefresh(started);
        }
        return started;
    }

    private void runRefresh(CompletableFuture<Void> started, boolean early) {
        try {
            refresh(early);
        } finally {
            finishRefresh(started);
        }
    }

    private void finishRefresh(CompletableFuture<Void> started) {
        synchronized (lock) {
            inFlight = null;
        }
        started.complete(null);
    }

    /** Puts the bootstrap table in force unless a table arrived meanwhile; returns the table in force. */
    private RoutingTable loadBootstrap() {
        synchronized (lock) {
            if (table != null) {
                return table;
            }
            try {
                RoutingTable compiled = allowlist.compile("bootstrap", bootstrap.readRoutes());
                table = compiled;
                lastListedVersion = null;
                listener.tableLoaded(compiled, 0);
            } catch (ConfigValidationException e) {
                listener.tableRejected("bootstrap", e.problems(), null);
            } catch (ForbiddenFunctionsException e) {
                listener.tableRejected("bootstrap", e.problems(), null);
            } catch (ConfigSourceException e) {
                listener.sourceUnavailable(e.getMessage(), null);
            }
            return table;
        }
    }

    /**
     * One check against the store. Never throws; outcomes go to the listener. Runs on one thread at a time
     * ({@link #startRefresh()}). Whatever the outcome, requests stop waiting for it: the table in force (old or
     * new) is now the one to use, since a store outage after a restore must not become an outage of the router.
     *
     * @param early the load of the init phase: its failure arms no retry backoff (the first request tries again)
     */
    private void refresh(boolean early) {
        long started = nanoClock.getAsLong();
        try {
            Optional<String> version = repository.readVersion();
            boolean fullReloadDue = started - nextFullReloadNanos >= 0;
            if (table != null
                    && checked
                    && version.isPresent()
                    && version.get().equals(lastListedVersion)
                    && !fullReloadDue) {
                scheduleNextCheck(started);
                return;
            }
            if (version.isEmpty() && !versionMissingReported) {
                versionMissingReported = true;
                listener.versionParameterMissing(repository.describe());
            }
            List<RouteParameter> parameters = repository.readRoutes();
            String label = version.orElse("unversioned");
            lastListedVersion = version.orElse(null);
            nextFullReloadNanos = started + fullReloadNanos;
            try {
                RoutingTable compiled = allowlist.compile(label, parameters);
                synchronized (lock) {
                    table = compiled;
                }
                loadedEarly = early;
                lastFailure = null;
                listener.tableLoaded(
                        compiled,
                        Duration.ofNanos(nanoClock.getAsLong() - started).toMillis());
            } catch (ConfigValidationException e) {
                lastFailure = "the routing configuration (version " + label + ") is invalid";
                listener.tableRejected(label, e.problems(), table);
            } catch (ForbiddenFunctionsException e) {
                lastFailure = "the routing configuration (version " + label + ") names functions the router may"
                        + " not invoke";
                listener.tableRejected(label, e.problems(), table);
            }
        } catch (ConfigSourceException e) {
            lastFailure = "the routing configuration store is unreachable";
            listener.sourceUnavailable(e.getMessage(), table);
        } catch (RuntimeException e) {
            lastFailure = "the routing configuration could not be loaded";
            listener.sourceUnavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), table);
        }
        scheduleNextCheck(started);
        if (table == null && !early) {
            nextColdAttemptNanos = nanoClock.getAsLong() + COLD_RETRY_NANOS;
        }
        checked = true;
    }

    private void scheduleNextCheck(long now) {
        nextCheckNanos = now + schedule.delayNanos(jitterFraction.getAsDouble());
    }
}
