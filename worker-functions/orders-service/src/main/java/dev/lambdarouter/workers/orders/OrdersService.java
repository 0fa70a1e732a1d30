package dev.lambdarouter.workers.orders;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import dev.lambdarouter.workers.support.AlbRequest;
import dev.lambdarouter.workers.support.AlbResponses;
import dev.lambdarouter.workers.support.WorkerTracing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The orders API behind the router: {@code GET /orders} lists orders (optionally by {@code tag}),
 * {@code GET /orders/{id}} returns one, {@code POST /orders} accepts a new one. Every answer says which service,
 * version, route and target served it, and the features of that version, so a weighted canary is visible from
 * outside. Each deployed version is a subclass naming its version and features.
 */
public abstract class OrdersService
        implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersService.class);
    private static final String COLLECTION = "/orders";
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String version;
    private final List<String> features;
    private final WorkerTracing tracing = WorkerTracing.fromEnvironment();

    protected OrdersService(String version, List<String> features) {
        this.version = version;
        this.features = List.copyOf(features);
    }

    @Override
    public final ApplicationLoadBalancerResponseEvent handleRequest(
            ApplicationLoadBalancerRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, AlbRequest.CORRELATION_ID_PATH, event, () -> {
            AlbRequest request = AlbRequest.of(event);
            ApplicationLoadBalancerResponseEvent response = tracing.handle(request, () -> answer(request));
            LOG.info(
                    "orders request handled",
                    entry("version", version),
                    entry("method", request.method()),
                    entry("path", request.path()),
                    entry("route", request.header("x-router-route")),
                    entry("status", response.getStatusCode()));
            return response;
        });
    }

    private ApplicationLoadBalancerResponseEvent answer(AlbRequest request) {
        String path = request.path();
        if (path.equals(COLLECTION) || path.equals(COLLECTION + "/")) {
            return switch (request.method()) {
                case "GET" -> list(request);
                case "POST" -> create(request);
                default -> methodNotAllowed(request, "GET, POST");
            };
        }
        String id = path.startsWith(COLLECTION + "/") ? path.substring(COLLECTION.length() + 1) : null;
        if (id == null || !ORDER_ID.matcher(id).matches()) {
            return AlbResponses.problem(request, 404, "the orders service has no resource at " + path);
        }
        if (!request.method().equals("GET")) {
            return methodNotAllowed(request, "GET");
        }
        Map<String, Object> body = envelope(request);
        body.put("order", Order.lookUp(id));
        return AlbResponses.json(request, 200, body);
    }

    private ApplicationLoadBalancerResponseEvent list(AlbRequest request) {
        List<String> tags = request.queryValues("tag");
        Map<String, Object> body = envelope(request);
        body.put("tags", tags);
        body.put("orders", List.of(Order.lookUp("1001"), Order.lookUp("1002"), Order.lookUp("1003")));
        return AlbResponses.json(request, 200, body);
    }

    private ApplicationLoadBalancerResponseEvent create(AlbRequest request) {
        byte[] payload;
        try {
            payload = request.body();
        } catch (IllegalArgumentException e) {
            return AlbResponses.problem(request, 400, e.getMessage());
        }
        if (payload.length == 0) {
            return AlbResponses.problem(request, 400, "POST /orders needs a request body");
        }
        CRC32 checksum = new CRC32();
        checksum.update(payload);
        String id = "ord-" + Long.toHexString(checksum.getValue());
        Map<String, Object> body = envelope(request);
        body.put("receivedBytes", payload.length);
        body.put("order", new Order(id, "PENDING", 0, 0));
        return AlbResponses.json(request, 201, body, Map.of("location", COLLECTION + "/" + id));
    }

    private static ApplicationLoadBalancerResponseEvent methodNotAllowed(AlbRequest request, String allowed) {
        return AlbResponses.problem(
                request, 405, request.method() + " is not allowed on " + request.path(), Map.of("allow", allowed));
    }

    private Map<String, Object> envelope(AlbRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "orders");
        body.put("version", version);
        body.put("route", request.header("x-router-route"));
        body.put("target", request.header("x-router-target"));
        body.put("requestId", request.header("x-request-id"));
        body.put("method", request.method());
        body.put("path", request.path());
        body.put("features", features);
        return body;
    }
}
