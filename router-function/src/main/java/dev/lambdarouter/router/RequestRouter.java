package dev.lambdarouter.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.FixedResponse;
import dev.lambdarouter.engine.Mirror;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.alb.AlbRequest;
import dev.lambdarouter.router.alb.AlbRequestDecoder;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.AlbResponseEncoder;
import dev.lambdarouter.router.alb.WorkerEventBuilder;
import dev.lambdarouter.router.alb.WorkerResponseReader;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.dispatch.Dispatcher;
import dev.lambdarouter.router.observability.DispatchTracer;
import dev.lambdarouter.router.observability.RequestLog;
import dev.lambdarouter.router.observability.RequestOutcome;
import dev.lambdarouter.router.observability.RouterMetrics;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemException;
import dev.lambdarouter.router.resilience.ResilientDispatcher;
import dev.lambdarouter.router.resilience.RetryBudget;
import dev.lambdarouter.router.resilience.TargetCircuitBreakers;
import dev.lambdarouter.router.resilience.TrafficMirror;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow, one step per line of {@link #handle}: decode, match, pick, dispatch, encode.
 * Free of the Lambda runtime's types so that it runs the same in tests, in Lambda and behind a local stack.
 * Never throws: every failure becomes a well-formed ALB answer. Handles one request at a time, as a Lambda
 * execution environment does (the request randomness is not shared between threads).
 */
public final class RequestRouter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    /** Time kept back from the router's own deadline to answer the ALB after a worker timeout. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);

    /** Methods whose requests may be repeated after a worker's function error (RFC 9110 idempotent methods). */
    private static final java.util.Set<String> IDEMPOTENT_METHODS =
            java.util.Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private final RouterSettings settings;
    private final RoutingTableCache tables;
    private final DispatchTracer tracer;
    private final RequestLog requestLog;
    private final RouterMetrics metrics;
    private final Randomness randomness;
    private final ObjectMapper mapper;
    private final AlbRequestDecoder decoder;
    private final AlbResponseEncoder encoder;
    private final WorkerEventBuilder workerEvents;
    private final WorkerAnswers workerAnswers;
    private final TargetCircuitBreakers breakers;
    private final Predicate<String> targetAvailable;
    private final ResilientDispatcher resilientDispatcher;
    private final TrafficMirror mirror;

    public RequestRouter(
            RouterSettings settings,
            RoutingTableCache tables,
            Dispatcher dispatcher,
            DispatchTracer tracer,
            RouterMetrics metrics,
            Randomness randomness,
            ObjectMapper mapper) {
        this(settings, tables, dispatcher, tracer, new RequestLog(), metrics, randomness, mapper);
    }

    /**
     * @param metrics may be null (no metrics)
     */
    public RequestRouter(
            RouterSettings settings,
            RoutingTableCache tables,
            Dispatcher dispatcher,
            DispatchTracer tracer,
            RequestLog requestLog,
            RouterMetrics metrics,
            Randomness randomness,
            ObjectMapper mapper) {
        this.settings = settings;
        this.tables = tables;
        this.tracer = tracer;
        this.metrics = metrics;
        this.randomness = randomness;
        this.mapper = mapper;
        this.requestLog = requestLog;
        this.decoder = new AlbRequestDecoder(mapper);
        this.encoder = new AlbResponseEncoder(mapper.getFactory());
        this.workerEvents = new WorkerEventBuilder(mapper);
        this.workerAnswers = new WorkerAnswers(mapper);
        this.breakers = TargetCircuitBreakers.withDefaults();
        this.targetAvailable = breakers::isAvailable;
        this.resilientDispatcher = new ResilientDispatcher(
                dispatcher,
                breakers,
                RetryBudget.withDefaults(),
                new WorkerResponseReader(mapper),
                d -> Thread.sleep(Math.max(1, d.toMillis())),
                System::nanoTime);
        this.mirror = new TrafficMirror(dispatcher, TrafficMirror.DEFAULT_BUDGET);
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
     * Routes one ALB event.
     *
     * @param rawEvent      the event bytes as Lambda delivered them
     * @param remainingTime the router invocation's remaining time (bounds the worker call)
     * @return the ALB response bytes
     */
    public byte[] handle(byte[] rawEvent, Duration remainingTime) {
        long started = System.nanoTime();
        Exchange x = new Exchange();
        AlbResponse response;
        try {
            response = route(rawEvent, remainingTime, x);
        } catch (ProblemException e) {
            x.problem = e.problem();
            response = problemResponse(e.problem());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("unexpected router failure", e);
            x.problem = Problem.internal();
            response = problemResponse(x.problem);
        }
        if (x.requestId != null) {
            response = response.withHeader(WorkerEventBuilder.REQUEST_ID_HEADER, x.requestId);
        }
        byte[] encoded = encoder.encode(response, x.multiValue);
        finish(x, response.status(), started);
        return encoded;
    }

    private AlbResponse route(byte[] rawEvent, Duration remainingTime, Exchange x) throws ProblemException {
        ObjectNode event = decoder.parse(rawEvent);
        x.multiValue = AlbRequestDecoder.isMultiValue(event);
        AlbRequest request = decoder.decode(event);
        x.request = request;
        x.requestId = request.requestId();
        requestLog.begin(request.traceId());

        if (request.routing().path().equals(settings.healthPath())) {
            return health();
        }
        RoutingTable table = tables.current()
                .orElseThrow(() -> new ProblemException(Problem.unavailable(
                        "no-routing-table",
                        "Routing table unavailable",
                        "The router has no routing table yet: " + tables.lastFailure() + ".",
                        Duration.ofSeconds(5))));

        RouteDecision decision = table.route(request.routing(), randomness.forRequests(), targetAvailable)
                .orElseThrow(() -> new ProblemException(Problem.noRoute(
                        request.routing().method(), request.routing().path())));
        x.route = decision.route().name();
        Optional<FixedResponse> fixed = decision.route().fixedResponse();
        if (fixed.isPresent()) {
            return AlbResponse.json(
                    fixed.get().status(), fixed.get().contentType(), fixed.get().body());
        }
        x.mode = decision.route().mode();
        if (decision.target() != null) {
            x.target = decision.target().function();
        } else {
            // Every target's circuit is open: the fallback serves, or the client is told to come back.
            x.target = decision.route()
                    .fallback()
                    .orElseThrow(() -> new ProblemException(Problem.unavailable(
                            "no-healthy-target",
                            "No healthy target",
                            "Every target of the route is failing; retry later.",
                            Duration.ofSeconds(5))));
            x.fallback = true;
        }
        return dispatch(request, decision, remainingTime, x);
    }

    private AlbResponse dispatch(AlbRequest request, RouteDecision decision, Duration remainingTime, Exchange x)
            throws ProblemException {
        Duration timeout = Deadline.effectiveTimeout(
                decision.route().timeout(),
                remainingTime.minus(ANSWER_MARGIN),
                settings.albIdleTimeout().minus(ANSWER_MARGIN));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ProblemException(Problem.timeout("The router ran out of time before invoking the worker."));
        }
        TrafficMirror.Copy copy = startMirrorCopy(request, decision);
        byte[] payload = workerEvents.build(request, decision.route(), x.target, x.mode);
        boolean idempotent = IDEMPOTENT_METHODS.contains(request.routing().method());
        ResilientDispatcher.Result result;
        try {
            result = tracer.traceDispatch(
                    x.route,
                    x.target,
                    modeName(x.mode),
                    () -> resilientDispatcher.dispatch(
                            x.target,
                            x.mode,
                            payload,
                            timeout,
                            decision.route().retryPolicy(),
                            idempotent,
                            randomness.forRequests()));
        } finally {
            finishMirrorCopy(copy);
        }
        x.attempts = result.attempts();
        WorkerAnswers.Answer answer = workerAnswers.answer(result, x.route, x.target, x.mode);
        x.lambdaRequestId = answer.lambdaRequestId();
        x.failure = answer.failureKind();
        if (answer.problem() != null) {
            throw new ProblemException(answer.problem());
        }
        return answer.response();
    }

    /** Starts the route's mirror copy when this request is sampled, in parallel with the worker call; else null. */
    private TrafficMirror.Copy startMirrorCopy(AlbRequest request, RouteDecision decision) {
        Optional<Mirror> shadow = decision.route().mirror();
        if (shadow.isEmpty()
                || randomness.forRequests().nextDouble() * 100 >= shadow.get().percent()) {
            return null;
        }
        String function = shadow.get().function();
        return mirror.send(function, workerEvents.build(request, decision.route(), function, DispatchMode.ASYNC));
    }

    /** Waits for the copy (at most the mirror budget): nothing of it may outlive this invocation. */
    private void finishMirrorCopy(TrafficMirror.Copy copy) {
        if (copy != null && !copy.finish() && metrics != null) {
            metrics.mirrorCopyDropped();
        }
    }

    private AlbResponse health() {
        Optional<RoutingTable> table = tables.current();
        boolean healthy = table.isPresent();
        LinkedHashMap<String, String> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "unavailable");
        table.ifPresent(t -> body.put("configVersion", t.version()));
        return AlbResponse.json(healthy ? 200 : 503, "application/json", toJson(body));
    }

    private AlbResponse problemResponse(Problem p) {
        LinkedHashMap<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:lambda-router:problem:" + p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        AlbResponse response = AlbResponse.json(p.status(), Problem.CONTENT_TYPE, toJson(body));
        if (p.retryAfterSeconds() > 0) {
            response = response.withHeader("retry-after", Long.toString(p.retryAfterSeconds()));
        }
        return response;
    }

    private void finish(Exchange x, int status, long startedNanos) {
        long latency = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        String method = x.request == null ? null : x.request.routing().method();
        String path = x.request == null ? null : x.request.routing().path();
        RequestOutcome outcome = new RequestOutcome(
                x.requestId,
                method,
                path,
                x.route,
                x.target,
                x.mode == null ? null : modeName(x.mode),
                status,
                latency,
                x.lambdaRequestId,
                x.problem == null ? null : x.problem.type(),
                x.attempts,
                x.fallback);
        try {
            requestLog.completed(outcome);
            if (metrics != null) {
                metrics.requestCompleted(outcome, x.failure);
            }
        } catch (RuntimeException e) {
            LOG.error("failed to record request outcome", e);
        }
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise a map of strings", e);
        }
    }

    private static String modeName(DispatchMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** Mutable facts gathered along one request, for the log line. */
    private static final class Exchange {
        boolean multiValue;
        AlbRequest request;
        String requestId;
        String route;
        String target;
        DispatchMode mode;
        String lambdaRequestId;
        String failure;
        int attempts;
        boolean fallback;
        Problem problem;
    }
}
