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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API on loopback ({@code POST /2015-03-31/functions/{name}/invocations}), answering like the real
 * service so that the AWS SDKs and the AWS CLI work against it: {@code RequestResponse} (200, with
 * {@code X-Amz-Function-Error: Unhandled} and the runtime's error document when the function failed), {@code Event}
 * (202, run in the background), {@code DryRun} (204); errors as {@code x-amzn-ErrorType} plus a JSON body:
 * 404 {@code ResourceNotFoundException}, 413 {@code RequestTooLargeException} (6 MB sync, 1 MB event),
 * 429 {@code TooManyRequestsException} with its {@code Reason}, 400 {@code InvalidParameterValueException}.
 * Every answer carries {@code x-amzn-RequestId}.
 */
public final class InvokeApiServer implements AutoCloseable {

    /** Lambda's limit on a synchronous invocation's request and response payloads. */
    public static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    /** Lambda's limit on an event (asynchronous) invocation's payload. */
    public static final int ASYNC_PAYLOAD_LIMIT = 1024 * 1024;

    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile LambdaFunctions functions;

    private InvokeApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds the port (0 picks a free one) without serving yet, so that the endpoint is known before the functions
     * that call it are configured.
     */
    public static InvokeApiServer bind(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 128);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-invoke-api");
            t.setDaemon(true);
            return t;
        });
        InvokeApiServer api = new InvokeApiServer(server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        return api;
    }

    /** Starts serving these functions. */
    public void start(LambdaFunctions served) {
        if (this.functions != null) {
            throw new IllegalStateException("already started");
        }
        this.functions = served;
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        } catch (RuntimeException e) {
            error(exchange, UUID.randomUUID().toString(), 500, "ServiceException", e.toString());
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !exchange.getRequestMethod().equals("POST")) {
            error(
                    exchange,
                    requestId,
                    404,
                    "UnknownOperationException",
                    "Unknown operation " + exchange.getRequestMethod() + " "
                            + exchange.getRequestURI().getPath() + " (the local stack serves only Invoke)");
            return;
        }
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                .orElse("RequestResponse");
        if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
            error(
                    exchange,
                    requestId,
                    400,
                    "InvalidParameterValueException",
                    "1 validation error detected: Value '" + type + "' at 'invocationType' failed to satisfy "
                            + "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
            return;
        }
        int limit = type.equals("Event") ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
        byte[] payload = exchange.getRequestBody().readNBytes(limit + 1);
        if (payload.length > limit) {
            // Read the rest, so that the client sees the answer rather than a reset connection.
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream()); // not skip(): see LocalAlb
            error(
                    exchange,
                    requestId,
                    413,
                    "RequestTooLargeException",
                    "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
            return;
        }
        String name = decode(path.group(1));
        String qualifier = queryParameter(exchange.getRequestURI().getRawQuery(), "Qualifier");
        Optional<FunctionTarget> target;
        try {
            target = functions.resolve(name, qualifier);
        } catch (IllegalArgumentException e) {
            error(exchange, requestId, 400, "InvalidParameterValueException", e.getMessage());
            return;
        }
        if (target.isEmpty()) {
            error(
                    exchange,
                    requestId,
                    404,
                    "ResourceNotFoundException",
                    "Function not found: " + notFoundArn(name, qualifier));
            return;
        }
        switch (type) {
            case "DryRun" -> send(exchange, requestId, 204, null);
            case "Event" -> send(exchange, functions.invokeAsync(target.get(), payload), 202, null);
            default -> invokeSync(exchange, target.get(), payload);
        }
    }

    private void invokeSync(HttpExchange exchange, FunctionTarget target, byte[] payload) throws IOException {
        InvocationResult result;
        try {
            result = functions.invoke(target, payload);
        } catch (ThrottledException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, UUID.randomUUID().toString(), 429, "TooManyRequestsException", e.getMessage(), e.reason());
            return;
        }
        byte[] body = result.payload();
        String functionError = result.functionError();
        if (!result.failed() && body.length > SYNC_PAYLOAD_LIMIT) {
            body = InvocationResult.errorDocument(
                    "Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed " + "payload size (" + SYNC_PAYLOAD_LIMIT
                            + " bytes).");
            functionError = InvocationResult.UNHANDLED;
        }
        exchange.getResponseHeaders()
                .set(
                        "X-Amz-Executed-Version",
                        target.qualifier() == null || target.qualifier().equals("$LATEST") ? "$LATEST" : "1");
        if (functionError != null) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
        }
        send(exchange, result.requestId(), 200, body);
    }

    private String notFoundArn(String name, String qualifier) {
        String bare = name.contains(":function:") ? name.substring(name.indexOf(":function:") + 10) : name;
        return functions.account().functionArn(bare) + (qualifier == null ? "" : ":" + qualifier);
    }

    private static void error(HttpExchange exchange, String requestId, int status, String errorType, String message)
            throws IOException {
        error(exchange, requestId, status, errorType, message, null);
    }

    /** Lambda's error answer: {@code x-amzn-ErrorType} and {@code {"Reason"?, "Type", "message"}}. */
    private static void error(
            HttpExchange exchange, String requestId, int status, String errorType, String message, String reason)
            throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (reason != null) {
            body.put("Reason", reason);
        }
        body.put("Type", "User").put("message", message);
        send(exchange, requestId, status, body.toString().getBytes(StandardCharsets.UTF_8));
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

    /** Percent-decoding of a path segment ('+' stays '+'). */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
