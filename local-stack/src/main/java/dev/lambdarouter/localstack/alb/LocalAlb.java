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
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A local Application Load Balancer listener for one Lambda target group: each HTTP request becomes the ALB event
 * ({@link AlbEventFactory}) and the target's answer the HTTP response ({@link LambdaResponseReader}); the statuses the
 * load balancer answers by itself and its health checks are listed in {@code local-stack/README.md} ("Local ALB").
 */
public final class LocalAlb implements AutoCloseable {

    /** The largest request body the load balancer passes to a Lambda target. */
    public static final int REQUEST_BODY_LIMIT = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaFunctions functions;
    private final FunctionTarget target;
    private final AlbEventFactory events;
    private final LambdaResponseReader reader;
    private final ConsoleLog console;
    private final Server listener;
    private final ScheduledExecutorService healthChecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alb-health-check");
        t.setDaemon(true);
        return t;
    });
    private Boolean healthy;

    /**
     * Binds the listener on {@code bind} (port 0 picks a free one) and starts forwarding to the target group's
     * function, one of {@code functions} (and health-checking it, when the target group enables that).
     */
    public LocalAlb(InetSocketAddress bind, TargetGroupSpec targetGroup, LambdaFunctions functions, ConsoleLog console)
            throws IOException {
        this.functions = functions;
        this.target = functions
                .resolve(targetGroup.target(), null)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the target group targets " + targetGroup.target() + ", which is not a function of the stack"));
        this.events = new AlbEventFactory(JSON, targetGroup.arn(), targetGroup.multiValueHeaders());
        this.reader = new LambdaResponseReader(JSON, targetGroup.multiValueHeaders());
        this.console = console;
        this.listener = HttpFrontEnd.start(bind, REQUEST_BODY_LIMIT, console, this::answer);
        if (targetGroup.healthCheckEnabled()) {
            byte[] check =
                    events.healthCheck(targetGroup.healthCheckPath()).toString().getBytes(UTF_8);
            var unused = healthChecks.scheduleWithFixedDelay(
                    () -> checkHealth(check),
                    0,
                    Math.max(5, targetGroup.healthCheckIntervalSeconds()),
                    TimeUnit.SECONDS);
        }
    }

    public URI endpoint() {
        ServerConnector connector = (ServerConnector) listener.getConnectors()[0];
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
    }

    /** The function (and qualifier) the listener forwards to. */
    public FunctionTarget target() {
        return target;
    }

    private AlbResponse answer(IncomingRequest request) {
        InvocationResult result;
        try {
            result = functions.invoke(target, events.event(request).toString().getBytes(UTF_8));
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
        healthChecks.shutdownNow();
        HttpFrontEnd.stop(listener);
    }
}
