package dev.lambdarouter.localstack.alb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lambdarouter.localstack.lambda.FunctionTarget;
import dev.lambdarouter.localstack.lambda.InvocationResult;
import dev.lambdarouter.localstack.lambda.LambdaFunctions;
import dev.lambdarouter.localstack.lambda.ThrottledException;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.TargetGroupSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local Application Load Balancer listener forwarding everything to one Lambda target group: each HTTP request
 * becomes the ALB event ({@link AlbEventFactory}), the target function runs in the local Lambda runtime, and its
 * answer becomes the HTTP response ({@link LambdaResponseReader}).
 *
 * <p>As the load balancer does, it answers by itself: 413 for a request body over 1 MB, 502 when the function
 * failed or returned an invalid or oversized response, 503 when the function is throttled, 504 when it timed out.
 */
public final class LocalAlb implements AutoCloseable {

    /** The largest request body the load balancer passes to a Lambda target. */
    public static final int REQUEST_BODY_LIMIT = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LambdaFunctions functions;
    private final FunctionTarget target;
    private final ObjectMapper mapper;
    private final AlbEventFactory events;
    private final LambdaResponseReader reader;
    private final ConsoleLog console;
    private final TargetHealthChecker healthChecker;

    private LocalAlb(
            HttpServer server,
            ExecutorService executor,
            LambdaFunctions functions,
            FunctionTarget target,
            TargetGroupSpec targetGroup,
            ConsoleLog console) {
        this.server = server;
        this.executor = executor;
        this.functions = functions;
        this.target = target;
        this.mapper = new ObjectMapper();
        this.events = new AlbEventFactory(mapper, targetGroup.arn(), targetGroup.multiValueHeaders());
        this.reader = new LambdaResponseReader(mapper, targetGroup.multiValueHeaders());
        this.console = console;
        this.healthChecker = targetGroup.healthCheckEnabled()
                ? new TargetHealthChecker(functions, target, events, targetGroup.healthCheckPath(), mapper, console)
                : null;
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
                .resolve(targetGroup.functionLogicalId(), targetGroup.qualifier())
                .orElseThrow(() -> new IllegalArgumentException("target group " + targetGroup.logicalId() + " targets "
                        + targetGroup.functionLogicalId() + ", which the stack does not run"));
        HttpServer server = HttpServer.create(bind, 256);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "alb-listener");
            t.setDaemon(true);
            return t;
        });
        LocalAlb alb = new LocalAlb(server, executor, functions, target, targetGroup, console);
        server.createContext("/", alb::handle);
        server.setExecutor(executor);
        server.start();
        if (alb.healthChecker != null) {
            alb.healthChecker.start(targetGroup.healthCheckIntervalSeconds());
        }
        return alb;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** The function (and qualifier) the listener forwards to. */
    public FunctionTarget target() {
        return target;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            write(exchange, answer(exchange));
        } catch (IOException clientWentAway) {
            // e.g. a load tool closing its connections: nothing to answer
        } catch (RuntimeException e) {
            console.line("alb", exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
            throw e;
        }
    }

    private AlbResponse answer(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        byte[] body = exchange.getRequestBody().readNBytes(REQUEST_BODY_LIMIT + 1);
        if (body.length > REQUEST_BODY_LIMIT || declared != null && isOver(declared)) {
            exchange.getRequestBody()
                    .transferTo(OutputStream.nullOutputStream()); // not skip(): the JDK's ignores Content-Length
            return refuse(exchange, 413, "the request body is over " + REQUEST_BODY_LIMIT + " bytes");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        IncomingRequest request = new IncomingRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                server.getAddress().getPort());
        byte[] event = mapper.writeValueAsBytes(events.event(request));
        InvocationResult result;
        try {
            result = functions.invoke(target, event);
        } catch (ThrottledException e) {
            return refuse(exchange, 503, "the target function is throttled (" + e.reason() + ")");
        }
        if (result.timedOut()) {
            return refuse(exchange, 504, "the target function timed out");
        }
        if (result.failed()) {
            return refuse(
                    exchange,
                    502,
                    "the target function failed: "
                            + new String(result.payload(), java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            return reader.read(result.payload());
        } catch (InvalidLambdaResponseException e) {
            return refuse(exchange, 502, "invalid response from the target function: " + e.getMessage());
        }
    }

    private AlbResponse refuse(HttpExchange exchange, int status, String why) {
        console.line(
                "alb",
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> " + status + ": "
                        + why);
        return ErrorPages.of(status);
    }

    private static boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > REQUEST_BODY_LIMIT;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void write(HttpExchange exchange, AlbResponse response) throws IOException {
        for (Map.Entry<String, String> header : response.headers()) {
            exchange.getResponseHeaders().add(header.getKey(), header.getValue());
        }
        int status = response.status();
        boolean noBody = response.body().length == 0
                || status == 204
                || status == 304
                || status < 200
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        if (healthChecker != null) {
            healthChecker.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
