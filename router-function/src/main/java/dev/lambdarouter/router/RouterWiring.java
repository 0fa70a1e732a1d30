package dev.lambdarouter.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.config.FileRouteRepository;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.dispatch.DispatchPipeline;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.router.dispatch.RetryBudget;
import dev.lambdarouter.router.dispatch.TargetCircuitBreakers;
import dev.lambdarouter.router.dispatch.TrafficMirror;
import dev.lambdarouter.router.observability.ConfigEventLog;
import dev.lambdarouter.router.observability.RequestLog;
import dev.lambdarouter.router.observability.RequestRecorder;
import dev.lambdarouter.router.observability.RouterMetrics;
import dev.lambdarouter.router.observability.RouterTracer;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The router's object graph, built in this one place: the routing table cache, the circuit breakers (shared by
 * target picking and dispatch), the retry budget, the traffic mirror, the dispatch pipeline and the
 * {@link RequestRouter}. {@link RouterHandler} uses {@link #production}; SnapStart priming and tests use
 * {@link #builder} with their own dispatcher, clock, sleeper and so on. Everything observational is off
 * ({@code NONE}) unless set.
 */
public final class RouterWiring {

    private final RoutingTableCache tables;
    private final Randomness randomness;
    private final ObjectMapper mapper;
    private final TargetCircuitBreakers breakers;
    private final TrafficMirror mirror;
    private final RequestRouter router;

    private RouterWiring(Builder b) {
        this.tables = b.tables;
        this.randomness = b.randomness != null ? b.randomness : new Randomness();
        this.mapper = b.mapper != null ? b.mapper : new ObjectMapper();
        this.breakers = TargetCircuitBreakers.withDefaults();
        this.mirror = new TrafficMirror(b.lambda, TrafficMirror.DEFAULT_BUDGET);
        DispatchPipeline pipeline = new DispatchPipeline(
                b.lambda, breakers, RetryBudget.withDefaults(), mirror, b.metrics, b.sleeper, b.nanoClock, mapper);
        this.router = new RequestRouter(
                b.settings,
                tables,
                breakers::isAvailable,
                pipeline,
                new RequestRecorder(b.requestLog, b.metrics),
                randomness,
                b.tracer,
                mapper);
    }

    /**
     * The production graph: routes from Parameter Store (and the bootstrap file, when set) refreshed on a daemon
     * thread, workers invoked through {@code lambda}, {@code tracer}'s spans, the JSON request log, Powertools
     * metrics with the dimension sets {@link RouterSettings#metricsDimensions()} allows.
     */
    public static RouterWiring production(
            RouterSettings settings, SsmClient ssm, LambdaClient lambda, RouterTracer tracer) {
        return production(settings, () -> ssm, () -> lambda, tracer, false);
    }

    /**
     * {@link #production(RouterSettings, SsmClient, LambdaClient, RouterTracer)} with clients built here: the
     * Parameter Store client on the refresher thread while this thread builds the Lambda client and the rest of the
     * graph. With {@code loadRoutesNow}, the refresher goes on to the first load of the routing table, which the
     * first request then waits for (see {@link RoutingTableCache#loadInBackground()}); without, it builds the client
     * and reads nothing (before a SnapStart snapshot). Either way the Parameter Store client is built before this
     * returns, so that one that cannot be built fails the init.
     */
    static RouterWiring production(
            RouterSettings settings,
            Supplier<SsmClient> ssm,
            Supplier<LambdaClient> lambda,
            RouterTracer tracer,
            boolean loadRoutesNow) {
        RouterMetrics metrics = RouterMetrics.fromEnvironment(settings.metricsDimensions());
        Randomness randomness = new Randomness();
        ParameterStoreRouteRepository store = new ParameterStoreRouteRepository(ssm, settings.configLayout());
        ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "routing-table-refresh");
            t.setDaemon(true);
            return t;
        });
        RoutingTableCache tables = new RoutingTableCache(
                store, settings, new ConfigEventLog(metrics), refresher, System::nanoTime, randomness::jitterFraction);
        settings.bootstrapRoutes().ifPresent(file -> tables.withBootstrap(new FileRouteRepository(file)));
        if (loadRoutesNow) {
            tables.loadInBackground();
        } else {
            refresher.execute(() -> prepareQuietly(store));
        }
        RouterWiring wiring = builder(settings, tables, new LambdaDispatcher(lambda.get()))
                .randomness(randomness)
                .tracer(tracer)
                .requestLog(RequestLog.JSON)
                .metrics(metrics)
                .build();
        store.prepare();
        return wiring;
    }

    /** Builds the store's client; a failure is left to {@link ParameterStoreRouteRepository#prepare} on the init. */
    private static void prepareQuietly(ParameterStoreRouteRepository store) {
        try {
            store.prepare();
        } catch (RuntimeException e) {
            // The init thread's prepare() tries again and fails the init with it.
        }
    }

    /** A graph around {@code tables} that invokes workers through {@code lambda}. */
    public static Builder builder(RouterSettings settings, RoutingTableCache tables, Dispatcher lambda) {
        return new Builder(settings, tables, lambda);
    }

    public RequestRouter router() {
        return router;
    }

    public RoutingTableCache tables() {
        return tables;
    }

    /** The randomness of picks and jitter (re-seeded after a SnapStart restore). */
    public Randomness randomness() {
        return randomness;
    }

    /** The JSON mapper of the request path (SnapStart priming warms this one). */
    ObjectMapper mapper() {
        return mapper;
    }

    /** The circuit breaker state of a target ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), for diagnostics. */
    public String circuitState(String function) {
        return breakers.state(function);
    }

    /** Copies to shadow functions: sent, dropped (too large, or not accepted within the mirror budget), failed. */
    public TrafficMirror mirror() {
        return mirror;
    }

    /**
     * The parts a graph may be built with; each has a default (the randomness and the mapper are made only when
     * none is set: seeding and a mapper cost the init phase time).
     */
    public static final class Builder {
        private final RouterSettings settings;
        private final RoutingTableCache tables;
        private final Dispatcher lambda;
        private Randomness randomness;
        private ObjectMapper mapper;
        private RouterTracer tracer = RouterTracer.NONE;
        private RequestLog requestLog = RequestLog.NONE;
        private RouterMetrics metrics = RouterMetrics.NONE;
        private DispatchPipeline.Sleeper sleeper = DispatchPipeline.Sleeper.THREAD;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder(RouterSettings settings, RoutingTableCache tables, Dispatcher lambda) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.tables = Objects.requireNonNull(tables, "tables");
            this.lambda = Objects.requireNonNull(lambda, "lambda");
        }

        public Builder randomness(Randomness randomness) {
            this.randomness = Objects.requireNonNull(randomness, "randomness");
            return this;
        }

        public Builder mapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        public Builder tracer(RouterTracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return this;
        }

        public Builder requestLog(RequestLog requestLog) {
            this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
            return this;
        }

        public Builder metrics(RouterMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Sleeps between retries (tests pass one that does not wait). */
        public Builder sleeper(DispatchPipeline.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock of retry deadlines and breaker timings. */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        public RouterWiring build() {
            return new RouterWiring(this);
        }
    }
}
