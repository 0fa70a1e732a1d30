package dev.lambdarouter.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.FixedResponse;
import dev.lambdarouter.engine.Forward;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.alb.AlbEvent;
import dev.lambdarouter.router.alb.AlbRequest;
import dev.lambdarouter.router.alb.AlbRequestDecoder;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.AlbResponseEncoder;
import dev.lambdarouter.router.alb.WorkerEventBuilder;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.dispatch.DispatchPipeline;
import dev.lambdarouter.router.dispatch.WorkerAnswer;
import dev.lambdarouter.router.observability.MetricNames;
import dev.lambdarouter.router.observability.RequestRecorder;
import dev.lambdarouter.router.observability.RouterTracer;
import dev.lambdarouter.router.problem.Problem;
import dev.lambdarouter.router.problem.ProblemAnswers;
import dev.lambdarouter.router.problem.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow: decode, match, pick, dispatch, encode. Built by {@link RouterWiring}. Free of the Lambda
 * runtime's types so that it runs the same in tests, in Lambda and behind a local stack. Never fails a request: every
 * routing failure becomes a well-formed ALB answer. Handles one request at a time, as a Lambda execution environment does.
 */
public final class RequestRouter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final RoutingTableCache tables;
    private final Predicate<String> targetAvailable;
    private final DispatchPipeline pipeline;
    private final RequestRecorder recorder;
    private final RouterTracer tracer;
    private final Randomness randomness;
    private final AlbRequestDecoder decoder;
    private final AlbResponseEncoder encoder;
    private final WorkerCalls calls;
    private final ProblemAnswers problems;
    private final HealthCheck health;

    RequestRouter(
            RouterSettings settings,
            RoutingTableCache tables,
            Predicate<String> targetAvailable,
            DispatchPipeline pipeline,
            RequestRecorder recorder,
            Randomness randomness,
            RouterTracer tracer,
            ObjectMapper mapper) {
        this.tables = tables;
        this.targetAvailable = targetAvailable;
        this.pipeline = pipeline;
        this.recorder = recorder;
        this.tracer = tracer;
        this.randomness = randomness;
        this.decoder = new AlbRequestDecoder(mapper);
        this.encoder = new AlbResponseEncoder(mapper.getFactory());
        this.calls = new WorkerCalls(new WorkerEventBuilder(), settings.albIdleTimeout(), randomness, tracer);
        this.problems = new ProblemAnswers();
        this.health = new HealthCheck(settings.healthPath(), tables);
    }

    /**
     * Routes one ALB event.
     *
     * @param rawEvent      the event bytes as Lambda delivered them
     * @param remainingTime the router invocation's remaining time (bounds the worker call)
     * @return the ALB response bytes
     */
    public byte[] handle(byte[] rawEvent, Duration remainingTime) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
        try {
            handle(rawEvent, remainingTime, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a ByteArrayOutputStream
        }
        return answer.toByteArray();
    }

    /**
     * Routes one ALB event and writes the answer to {@code answer} as it is encoded (no copy of the whole answer).
     *
     * @param rawEvent      the event bytes as Lambda delivered them
     * @param remainingTime the router invocation's remaining time (bounds the worker call)
     * @param answer        where the ALB response goes; left open
     * @throws IOException only when {@code answer} cannot be written (every routing failure is an answer)
     */
    public void handle(byte[] rawEvent, Duration remainingTime, OutputStream answer) throws IOException {
        Exchange x = new Exchange();
        AlbResponse response;
        try {
            response = route(rawEvent, remainingTime, x);
        } catch (ProblemException e) {
            x.problem = e.problem();
            response = problems.answer(x.problem);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("unexpected router failure", e);
            x.problem = Problem.internal();
            response = problems.answer(x.problem);
        }
        x.span.end(x.route, x.target, x.mode == null ? null : Exchange.modeName(x.mode), response.status());
        if (x.requestId() != null) {
            response = response.withHeader(WorkerEventBuilder.REQUEST_ID_HEADER, x.requestId());
        }
        try {
            encoder.encode(response, x.multiValue, answer);
        } finally {
            recorder.completed(x.outcome(response.status()), x.failureKind);
        }
    }

    private AlbResponse route(byte[] rawEvent, Duration remainingTime, Exchange x) throws ProblemException {
        AlbEvent event = decoder.parse(rawEvent);
        x.multiValue = AlbRequestDecoder.isMultiValue(event);
        AlbRequest request = decoder.decode(event);
        x.request = request;
        x.span = tracer.startRequest(request.traceId());
        return x.span.run(() -> routeDecoded(request, remainingTime, x));
    }

    /** Routes a decoded request, inside its trace span. */
    private AlbResponse routeDecoded(AlbRequest request, Duration remainingTime, Exchange x) throws ProblemException {
        recorder.begin(request.traceId());
        if (health.answers(request.routing().path())) {
            return health.answer();
        }
        RoutingTable table =
                tables.current().orElseThrow(() -> new ProblemException(Problem.noRoutingTable(tables.lastFailure())));
        RouteDecision decision = table.route(request.routing(), randomness.forRequests(), targetAvailable)
                .orElseThrow(() -> new ProblemException(Problem.noRoute(
                        request.routing().method(), request.routing().path())));
        x.route = decision.route().name();
        if (decision instanceof RouteDecision.Fixed fixed) {
            x.pick = fixed.pick();
            FixedResponse response = fixed.response();
            return AlbResponse.json(response.status(), response.contentType(), response.body());
        }
        Forward forward = forwardTo(decision, x);
        WorkerAnswer answer =
                pipeline.dispatch(calls.call(request, decision.route().name(), forward, x.target, remainingTime));
        x.answered(answer);
        if (answer.problem() != null) {
            throw new ProblemException(answer.problem());
        }
        return answer.response();
    }

    /** The target a dispatch decision names, set on {@code x}: the chosen one, or the fallback when all are failing. */
    private static Forward forwardTo(RouteDecision decision, Exchange x) throws ProblemException {
        if (decision instanceof RouteDecision.Dispatch dispatch) {
            x.mode = dispatch.forward().mode();
            x.target = dispatch.target().function();
            x.pick = dispatch.pick();
            return dispatch.forward();
        }
        if (decision instanceof RouteDecision.Fallback fallback) {
            x.mode = fallback.forward().mode();
            x.target = fallback.function();
            x.fallback = true;
            x.pick = fallback.pick();
            return fallback.forward();
        }
        x.failureKind = MetricNames.NO_HEALTHY_TARGET;
        throw new ProblemException(Problem.noHealthyTarget()); // every circuit open, no fallback
    }
}
