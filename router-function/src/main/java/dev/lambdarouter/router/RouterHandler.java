package dev.lambdarouter.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import dev.lambdarouter.router.observability.OpenTelemetryTracer;
import dev.lambdarouter.router.observability.SdkCallTracing;
import dev.lambdarouter.tracing.LambdaTracing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The router Lambda's entry point ({@code dev.lambdarouter.router.RouterHandler::handleRequest}): hands each ALB
 * event to the {@link RequestRouter} of the production {@link RouterWiring}, and runs the SnapStart hooks.
 *
 * <p>Init: when a request follows it ({@code AWS_LAMBDA_INITIALIZATION_TYPE} {@code on-demand} or
 * {@code provisioned-concurrency}, see {@link InitializationType}), the first load of the routing table, Parameter
 * Store client included, starts on the refresher thread at once and overlaps the rest of the init; the first
 * request waits for it (a bounded time). Otherwise the table is loaded on first use.
 *
 * <p>SnapStart: the init phase ({@code snap-start}) opens no connection. Before the snapshot the hot path,
 * including the SDK's Parameter Store and Lambda calls, is primed offline ({@link SnapStartPriming}). The restore
 * hook makes no network call (Lambda fails a restore whose hooks outlast 10 s): it re-seeds the randomness and marks
 * the table stale, and the first request after the restore waits at most {@link RouterSettings#configLoadWait()}
 * for the store (see {@link RoutingTableCache}). SDK clients use the default credentials chain, which works after a
 * restore. Tracing ({@link LambdaTracing#fromEnvironment}) opens no socket before the first traced request, so the
 * snapshot holds none.
 */
public final class RouterHandler implements RequestStreamHandler, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(RouterHandler.class);
    private static final int PRIMING_ITERATIONS = 2_000;

    /** The service name of the router's trace segments unless {@code OTEL_SERVICE_NAME} or the function name says. */
    static final String SERVICE_NAME = "lambda-router";

    private final RouterSettings settings;
    private final RouterWiring wiring;
    private final LambdaTracing tracing;

    /**
     * Called by the Lambda runtime: settings and tracing from the environment, SDK clients from the default chains,
     * their calls traced. When a request follows this init (see {@link InitializationType}), the first load of the
     * routing table starts now, in the background, and overlaps the rest of the init.
     */
    public RouterHandler() {
        this(
                RouterSettings.fromEnvironment(),
                LambdaTracing.fromEnvironment(SERVICE_NAME),
                InitializationType.from(System.getenv()));
    }

    private RouterHandler(RouterSettings settings, LambdaTracing tracing, InitializationType initialization) {
        this(settings, tracing, SdkCallTracing.of(tracing), initialization);
    }

    /** The production graph with the default SDK clients; {@code initialization} says whether routes load now. */
    RouterHandler(
            RouterSettings settings,
            LambdaTracing tracing,
            SdkCallTracing sdkCalls,
            InitializationType initialization) {
        this(
                settings,
                () -> ParameterStoreRouteRepository.defaultClient(sdkCalls),
                () -> LambdaDispatcher.defaultClient(sdkCalls),
                tracing,
                initialization);
    }

    /**
     * The production graph with clients built during the construction: the Parameter Store client on the refresher
     * thread (which goes on to load the routing table when {@link InitializationType#loadsRoutesDuringInit()}), the
     * Lambda client on this one.
     */
    RouterHandler(
            RouterSettings settings,
            Supplier<SsmClient> ssm,
            Supplier<LambdaClient> lambda,
            LambdaTracing tracing,
            InitializationType initialization) {
        this(
                settings,
                tracing,
                RouterWiring.production(
                        settings,
                        ssm,
                        lambda,
                        OpenTelemetryTracer.of(tracing),
                        initialization.loadsRoutesDuringInit()));
    }

    /** For embedding the router (local stacks, tests) with explicitly configured clients; tracing off. */
    public RouterHandler(RouterSettings settings, SsmClient ssm, LambdaClient lambda) {
        this(settings, ssm, lambda, LambdaTracing.OFF);
    }

    /**
     * For embedding the router with explicitly configured clients and tracing (the clients' calls are spans only if
     * they were built with {@link SdkCallTracing}).
     */
    public RouterHandler(RouterSettings settings, SsmClient ssm, LambdaClient lambda, LambdaTracing tracing) {
        this(settings, tracing, RouterWiring.production(settings, ssm, lambda, OpenTelemetryTracer.of(tracing)));
    }

    private RouterHandler(RouterSettings settings, LambdaTracing tracing, RouterWiring wiring) {
        this.settings = settings;
        this.tracing = tracing;
        this.wiring = wiring;
        Core.getGlobalContext().register(this);
    }

    /**
     * One ALB event. The request's log lines carry the Lambda context's fields (request id, function, cold start,
     * X-Ray trace id; Powertools' {@link PowertoolsLogging#initializeLogging}); the logging context is cleared
     * afterwards, as {@code PowertoolsLogging.withLogging} would, but without its search for buffering appenders: the
     * router's log4j2 configuration has none, and that search (a caller-class lookup and a stream over the
     * configuration's appenders) cost every request CPU time for nothing.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        PowertoolsLogging.initializeLogging(context);
        try {
            wiring.router().handle(event, remaining, output);
        } finally {
            MDC.clear();
        }
        tracing.flush();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long started = System.nanoTime();
        SnapStartPriming.Report primed = SnapStartPriming.prime(settings, wiring.mapper(), PRIMING_ITERATIONS);
        LOG.info(
                "primed the request path before the snapshot in {} ms: {} requests, {} Parameter Store and {} Lambda"
                        + " calls answered in memory",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                primed.requests(),
                primed.storeCalls(),
                primed.workerCalls());
    }

    /** No network call here: the store is read by the first request, which waits a bounded time for it. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        wiring.randomness().reseed();
        wiring.tables().markStale();
        LOG.info("restored from a snapshot: randomness re-seeded, the routing table is re-read on the next request");
    }
}
