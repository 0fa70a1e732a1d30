package dev.lambdarouter.localstack.alb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.localstack.lambda.FunctionTarget;
import dev.lambdarouter.localstack.lambda.InvocationResult;
import dev.lambdarouter.localstack.lambda.LambdaFunctions;
import dev.lambdarouter.localstack.lambda.ThrottledException;
import dev.lambdarouter.localstack.log.ConsoleLog;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The target group's health checks: {@code GET <HealthCheckPath>} from {@code ELB-HealthChecker/2.0} right away
 * and then every {@code HealthCheckIntervalSeconds}, healthy on HTTP 200. Only changes of state are logged. As on
 * AWS, the first check also warms the target up.
 */
final class TargetHealthChecker implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alb-health-check");
        t.setDaemon(true);
        return t;
    });
    private final LambdaFunctions functions;
    private final FunctionTarget target;
    private final byte[] event;
    private final LambdaResponseReader reader;
    private final ConsoleLog console;
    private Boolean healthy;

    TargetHealthChecker(
            LambdaFunctions functions,
            FunctionTarget target,
            AlbEventFactory events,
            String path,
            ObjectMapper mapper,
            ConsoleLog console) {
        this.functions = functions;
        this.target = target;
        this.event = events.healthCheck(path).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.reader = new LambdaResponseReader(mapper, events.multiValue());
        this.console = console;
    }

    void start(int intervalSeconds) {
        scheduler.scheduleWithFixedDelay(this::check, 0, Math.max(5, intervalSeconds), TimeUnit.SECONDS);
    }

    private void check() {
        String outcome;
        boolean ok;
        try {
            InvocationResult result = functions.invoke(target, event);
            if (result.failed()) {
                ok = false;
                outcome = "the function failed (" + result.errorType() + ")";
            } else {
                int status = reader.read(result.payload()).status();
                ok = status == 200;
                outcome = "HTTP " + status;
            }
        } catch (ThrottledException e) {
            ok = false;
            outcome = "throttled (" + e.reason() + ")";
        } catch (Exception e) {
            ok = false;
            outcome = e.getMessage();
        }
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
        scheduler.shutdownNow();
    }
}
