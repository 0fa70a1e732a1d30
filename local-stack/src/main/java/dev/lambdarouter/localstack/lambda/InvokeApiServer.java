package dev.lambdarouter.localstack.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API on loopback ({@code POST /2015-03-31/functions/{name}/invocations}), answering like the real
 * service (statuses, error types and headers as listed in {@code local-stack/README.md}, "Invoke API") so that the
 * AWS SDKs and the AWS CLI work against it.
 */
public final class InvokeApiServer implements AutoCloseable {

    /** Lambda's limit on a synchronous invocation's request and response payloads. */
    static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    /** Lambda's limit on an event (asynchronous) invocation's payload. */
    static final int ASYNC_PAYLOAD_LIMIT = 1024 * 1024;

    private static final Pattern QUALIFIER = Pattern.compile("(?:^|&)Qualifier=([^&]*)");
    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-invoke-api");
        t.setDaemon(true);
        return t;
    });
    private volatile LambdaFunctions functions;

    /**
     * Binds the port (0 picks a free one) without serving yet, so that the endpoint is known before the functions
     * that call it are configured.
     */
    public InvokeApiServer(InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public void start(LambdaFunctions served) {
        this.functions = served;
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** Lambda's error answer: {@code x-amzn-ErrorType} and {@code {"Reason"?, "Type", "message"}}. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String type;
        private final String reason;

        ApiError(int status, String type, String message, String reason) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.reason = reason;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            try {
                respond(exchange, requestId);
            } catch (ApiError e) {
                error(exchange, requestId, e);
            } catch (RuntimeException e) {
                error(exchange, requestId, new ApiError(500, "ServiceException", e.toString(), null));
            }
        }
    }

    private static void error(HttpExchange exchange, String requestId, ApiError e) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (e.reason != null) {
            body.put("Reason", e.reason);
        }
        body.put("Type", "User").put("message", e.getMessage());
        send(exchange, requestId, e.status, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void respond(HttpExchange exchange, String requestId) throws IOException {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !exchange.getRequestMethod().equals("POST")) {
            throw new ApiError(
                    404,
                    "UnknownOperationException",
                    "Unknown operation " + exchange.getRequestMethod() + " "
                            + exchange.getRequestURI().getPath() + " (the local stack serves only Invoke)",
                    null);
        }
        String type = Objects.requireNonNullElse(
                exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"), "RequestResponse");
        if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
            throw new ApiError(
                    400,
                    "InvalidParameterValueException",
                    "1 validation error detected: Value '" + type + "' at 'invocationType' failed to satisfy "
                            + "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
                    null);
        }
        int limit = type.equals("Event") ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
        byte[] payload = exchange.getRequestBody().readNBytes(limit + 1);
        if (payload.length > limit) {
            // Read the rest, so that the client sees the answer rather than a reset connection.
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            throw new ApiError(
                    413,
                    "RequestTooLargeException",
                    "Request must be smaller than " + limit + " bytes for the InvokeFunction operation",
                    null);
        }
        String name = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8); // '+' stays
        Matcher query = QUALIFIER.matcher(
                Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""));
        String qualifier = query.find() ? URLDecoder.decode(query.group(1), StandardCharsets.UTF_8) : null;
        FunctionTarget target;
        try {
            target = functions.resolve(name, qualifier).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "InvalidParameterValueException", e.getMessage(), null);
        }
        if (target == null) {
            String bare = name.contains(":function:") ? name.substring(name.indexOf(":function:") + 10) : name;
            throw new ApiError(
                    404,
                    "ResourceNotFoundException",
                    "Function not found: " + functions.account().functionArn(bare)
                            + (qualifier == null ? "" : ":" + qualifier),
                    null);
        }
        switch (type) {
            case "DryRun" -> send(exchange, requestId, 204, null);
            case "Event" -> send(exchange, functions.invokeAsync(target, payload), 202, null);
            default -> invokeSync(exchange, target, payload);
        }
    }

    private void invokeSync(HttpExchange exchange, FunctionTarget target, byte[] payload) throws IOException {
        InvocationResult result;
        try {
            result = functions.invoke(target, payload);
        } catch (ThrottledException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            throw new ApiError(429, "TooManyRequestsException", e.getMessage(), e.reason);
        }
        byte[] body = result.payload();
        boolean tooLarge = !result.failed() && body.length > SYNC_PAYLOAD_LIMIT;
        if (tooLarge) {
            body = InvocationResult.errorDocument(
                    "Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + SYNC_PAYLOAD_LIMIT + " bytes).");
        }
        exchange.getResponseHeaders()
                .set(
                        "X-Amz-Executed-Version",
                        target.qualifier() == null || target.qualifier().equals("$LATEST") ? "$LATEST" : "1");
        if (result.failed() || tooLarge) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
        }
        send(exchange, result.requestId(), 200, body);
    }

    private static void send(HttpExchange exchange, String requestId, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
