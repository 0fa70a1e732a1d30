package dev.lambdarouter.localstack.alb;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.localstack.lambda.FunctionTarget;
import dev.lambdarouter.localstack.lambda.InvocationResult;
import dev.lambdarouter.localstack.lambda.LambdaFunctions;
import dev.lambdarouter.localstack.lambda.ThrottledException;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.TargetGroupSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A local Application Load Balancer listener forwarding everything to one Lambda target group: each HTTP request
 * becomes the ALB event ({@link AlbEventFactory}), the target function runs in the local Lambda runtime, and its
 * answer becomes the HTTP response ({@link LambdaResponseReader}).
 *
 * <p>As the load balancer does, it answers by itself: 400 for a malformed request or a request line or header over
 * the load balancer's limits, 413 for a request body over 1 MB, 501 for an unsupported {@code Transfer-Encoding}
 * ({@link HttpFrontEnd}), 502 when the function failed or returned an invalid or oversized response, 503 when the
 * function is throttled, 504 when it timed out. When the target group enables health checks, it sends them at start
 * and every {@code HealthCheckIntervalSeconds}.
 */
public final class LocalAlb implements AutoCloseable {

    /** The largest request body the load balancer passes to a Lambda target. */
    public static final int REQUEST_BODY_LIMIT = 1024 * 1024;

    private HttpFrontEnd listener;
    private final LambdaFunctions functions;
    private final FunctionTarget target;
    private final ObjectMapper mapper;
    private final AlbEventFactory events;
    private final LambdaResponseReader reader;
    private final ConsoleLog console;
    private final ScheduledExecutorService healthChecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alb-health-check");
        t.setDaemon(true);
        return t;
    });
    /** The periodic health check, when the target group has one; cancelled on {@link #close()}. */
    private ScheduledFuture<?> healthCheckSchedule;

    private Boolean healthy;

    private LocalAlb(
            LambdaFunctions functions, FunctionTarget target, TargetGroupSpec targetGroup, ConsoleLog console) {
        this.functions = functions;
        this.target = target;
        this.mapper = new ObjectMapper();
        this.events = new AlbEventFactory(mapper, targetGroup.arn(), targetGroup.multiValueHeaders());
        this.reader = new LambdaResponseReader(mapper, targetGroup.multiValueHeaders());
        this.console = console;
    }

    /**
     * Binds the listener and starts forwarding (and health-checking, when the target group enables it).
     *
     * @param bind        address and port (0 picks a free port)
     * @param targetGroup the target group; its function must be one of {@code functions}
     */
    public static LocalAlb start(
            InetSocketAddress bind, TargetGroupSpec targetGroup, LambdaFunctions functions, ConsoleLog console)
            throws IOException {
        FunctionTarget target = functions
                .resolve(targetGroup.target(), null)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the target group targets " + targetGroup.target() + ", which is not a function of the stack"));
        LocalAlb alb = new LocalAlb(functions, target, targetGroup, console);
        alb.listener = HttpFrontEnd.start(bind, REQUEST_BODY_LIMIT, console, alb::answer);
        if (targetGroup.healthCheckEnabled()) {
            byte[] check = alb.events
                    .healthCheck(targetGroup.healthCheckPath())
                    .toString()
                    .getBytes(UTF_8);
            alb.healthCheckSchedule = alb.healthChecks.scheduleWithFixedDelay(
                    () -> alb.checkHealth(check),
                    0,
                    Math.max(5, targetGroup.healthCheckIntervalSeconds()),
                    TimeUnit.SECONDS);
        }
        return alb;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + listener.address().getAddress().getHostAddress() + ":"
                + listener.address().getPort());
    }

    /** The function (and qualifier) the listener forwards to. */
    public FunctionTarget target() {
        return target;
    }

    private AlbResponse answer(IncomingRequest request) {
        byte[] event;
        try {
            event = mapper.writeValueAsBytes(events.event(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InvocationResult result;
        try {
            result = functions.invoke(target, event);
        } catch (ThrottledException e) {
            throw new Refusal(503, "the target function is throttled (" + e.reason + ")");
        }
        if (result.timedOut()) {
            throw new Refusal(504, "the target function timed out");
        }
        if (result.failed()) {
            throw new Refusal(502, "the target function failed: " + new String(result.payload(), UTF_8));
        }
        return reader.read(result.payload());
    }

    /**
     * One health check, as from {@code ELB-HealthChecker/2.0}: healthy on HTTP 200. Only changes of state are logged.
     * As on AWS, the first check also warms the target up.
     */
    private void checkHealth(byte[] event) {
        String outcome;
        try {
            InvocationResult result = functions.invoke(target, event);
            outcome = result.failed()
                    ? "the function failed (" + result.errorType() + ")"
                    : "HTTP " + reader.read(result.payload()).status();
        } catch (ThrottledException e) {
            outcome = "throttled (" + e.reason + ")";
        } catch (RuntimeException e) {
            outcome = e.getMessage();
        }
        boolean ok = outcome.equals("HTTP 200");
        if (healthy == null || healthy != ok) {
            healthy = ok;
            console.line(
                    "alb",
                    "target " + target.invokedArn() + " is " + (ok ? "healthy" : "unhealthy") + ": health check "
                            + outcome);
        }
    }

    @Override
    public void close() {
        if (healthCheckSchedule != null) {
            healthCheckSchedule.cancel(true);
        }
        healthChecks.shutdownNow();
        listener.close();
    }
}
