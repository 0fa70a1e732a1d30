package dev.lambdarouter.workers.reports;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import dev.lambdarouter.workers.support.AlbRequest;
import dev.lambdarouter.workers.support.AlbResponses;
import dev.lambdarouter.workers.support.WorkerTracing;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Async job worker: the router invokes it with {@code InvocationType=Event} for {@code POST /reports} and the
 * client gets {@code 202} at once. It builds a report summary from the request and logs one structured JSON line
 * ({@code "message":"report generated"} with a {@code report} object). When invoked synchronously it also returns
 * the summary as the response body.
 */
public final class ReportJobHandler
        implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ReportJobHandler.class);

    private final ReportGenerator generator = new ReportGenerator();
    private final WorkerTracing tracing = WorkerTracing.fromEnvironment();

    @Override
    public ApplicationLoadBalancerResponseEvent handleRequest(
            ApplicationLoadBalancerRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, AlbRequest.CORRELATION_ID_PATH, event, () -> {
            AlbRequest request = AlbRequest.of(event);
            return tracing.handle(request, () -> run(request, context));
        });
    }

    private ApplicationLoadBalancerResponseEvent run(AlbRequest request, Context context) {
        if (!request.method().equals("POST")) {
            LOG.warn("report job rejected", entry("method", request.method()), entry("path", request.path()));
            return AlbResponses.problem(
                    request,
                    405,
                    "report jobs are started with POST, not " + request.method(),
                    Map.of("allow", "POST"));
        }
        byte[] body;
        try {
            body = request.body();
        } catch (IllegalArgumentException e) {
            LOG.warn("report job rejected", entry("reason", e.getMessage()));
            return AlbResponses.problem(request, 400, e.getMessage());
        }
        String reportId =
                request.header("x-request-id") != null ? request.header("x-request-id") : context.getAwsRequestId();
        ReportSummary report = generator.generate(reportId, request, body);
        LOG.info("report generated", entry("report", report));
        return AlbResponses.json(request, 200, report);
    }
}
