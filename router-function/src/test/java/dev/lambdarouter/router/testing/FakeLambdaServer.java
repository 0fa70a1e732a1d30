package dev.lambdarouter.router.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * A loopback HTTP server that speaks Lambda's Invoke REST API
 * ({@code POST /2015-03-31/functions/{FunctionName}/invocations}), for driving a real SDK {@code LambdaClient}.
 *
 * <p>Register a behaviour per bare function name; calls by {@code name:alias} or ARN reach the same behaviour. The
 * invocation type comes from {@code X-Amz-Invocation-Type} ({@code RequestResponse} by default, {@code Event} answers
 * 202 with no body, {@code DryRun} 204). Unknown functions get Lambda's 404 {@code ResourceNotFoundException}. Every
 * call is recorded, known function or not. Errors use the REST-JSON wire format: the code in
 * {@code x-amzn-ErrorType}, a JSON body with {@code Type} and {@code Message}/{@code message}.
 *
 * <pre>{@code
 * try (FakeLambdaServer lambda = new FakeLambdaServer().start()) {
 *   lambda.register("orders", FakeLambdaServer.respond("{\"statusCode\":200}"));
 *   LambdaClient client = LambdaClient.builder().endpointOverride(lambda.endpoint())...build();
 * }
 * }</pre>
 */
public final class FakeLambdaServer implements AutoCloseable {

    /** Region used in the ARNs the server writes. */
    public static final String REGION = "us-east-1";
    /** Account id used in the ARNs the server writes. */
    public static final String ACCOUNT_ID = "123456789012";

    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final Set<String> INVOCATION_TYPES = Set.of("RequestResponse", "Event", "DryRun");
    private static final Pattern VERSION = Pattern.compile("\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    private final Map<String, Function<byte[], Reply>> behaviours = new ConcurrentHashMap<>();
    private final List<ReceivedInvocation> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    /** Binds to 127.0.0.1 on a free port and starts answering. */
    public FakeLambdaServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake Lambda server on loopback", e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-lambda-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:port}: the endpoint override for the SDK client. */
    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
    /**
     * A real SDK client for this server: static test credentials, us-east-1, the URL-connection HTTP client and no
     * SDK retries (so that tests count exactly the invocations the router makes). The caller closes it.
     */
    public LambdaClient sdkClient() {
        return sdkClientBuilder().build();
    }

    /** The builder of {@link #sdkClient()}, for a test that adds to it (e.g. tracing interceptors). */
    public LambdaClientBuilder sdkClientBuilder() {
        return LambdaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** Makes {@code function} (a bare name) exist and answer with {@code behaviour}, replacing any earlier one. */
    public FakeLambdaServer register(String function, Function<byte[], Reply> behaviour) {
        behaviours.put(Objects.requireNonNull(function, "function"), Objects.requireNonNull(behaviour, "behaviour"));
        return this;
    }

    /** Every Invoke call received so far, in arrival order (a snapshot). */
    public List<ReceivedInvocation> invocations() {
        return List.copyOf(received);
    }

    /** The calls received for one bare function name, whatever form the client named it in. */
    public List<ReceivedInvocation> invocationsOf(String function) {
        return received.stream()
                .filter(call -> call.function().equals(function))
                .toList();
    }

    /** Forgets the recorded calls (behaviours stay). */
    public void clearInvocations() {
        received.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow(); // wakes up hanging behaviours
        }
    }

    // ---- behaviours -------------------------------------------------------------------------------------------

    /** The worker returns {@code json}. */
    public static Function<byte[], Reply> respond(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return payload -> Reply.of(200, body);
    }

    /** The worker returns the payload it received. */
    public static Function<byte[], Reply> echo() {
        return payload -> Reply.of(200, payload);
    }

    /**
     * The worker throws: Lambda answers 200 with {@code X-Amz-Function-Error: Unhandled} and
     * {@code {"errorMessage":..,"errorType":..}}.
     */
    public static Function<byte[], Reply> fail(String errorType, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", message);
        error.put("errorType", errorType);
        byte[] body = json(error);
        return payload -> new Reply(200, body, "Unhandled", Map.of());
    }

    /** Lambda refuses for lack of concurrency: 429 {@code TooManyRequestsException} with {@code Retry-After}. */
    public static Function<byte[], Reply> throttle(int retryAfterSeconds) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Type", "User");
        error.put("message", "Rate Exceeded.");
        error.put("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
        error.put("retryAfterSeconds", Integer.toString(retryAfterSeconds));
        Reply reply = Reply.error(429, "TooManyRequestsException", error)
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
        return payload -> reply;
    }

    /** Lambda itself fails, e.g. {@code serviceError(500, "ServiceException", "Internal error")}. */
    public static Function<byte[], Reply> serviceError(int status, String errorType, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Type", status >= 500 ? "Service" : "User");
        error.put("Message", message);
        Reply reply = Reply.error(status, errorType, error);
        return payload -> reply;
    }

    /** The worker takes {@code duration} (or until the server closes), then returns {@code {}}. */
    public static Function<byte[], Reply> hang(Duration duration) {
        return payload -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
            }
            return Reply.of(200, "{}".getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Answers the n-th call with the n-th behaviour; once they run out, the last one answers every call. */
    @SafeVarargs
    public static Function<byte[], Reply> sequence(Function<byte[], Reply>... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("sequence needs at least one behaviour");
        }
        List<Function<byte[], Reply>> list = List.of(steps);
        AtomicInteger calls = new AtomicInteger();
        return payload ->
                list.get(Math.min(calls.getAndIncrement(), list.size() - 1)).apply(payload);
    }

    /**
     * One answer of the fake service. {@code status} 2xx answers are worker results (for {@code Event} calls the
     * server turns them into 202); other statuses are sent as they are. {@code functionError} becomes
     * {@code X-Amz-Function-Error}; {@code headers} are added to the response.
     */
    public record Reply(int status, byte[] body, String functionError, Map<String, String> headers) {

        public Reply {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        /** A plain answer with a JSON body. */
        public static Reply of(int status, byte[] body) {
            return new Reply(status, body, null, Map.of());
        }

        /** A service error: {@code x-amzn-ErrorType: errorType} and the JSON document as body. */
        public static Reply error(int status, String errorType, Map<String, ?> document) {
            return new Reply(status, json(document), null, Map.of("x-amzn-ErrorType", errorType));
        }

        /** This reply with one more response header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, functionError, more);
        }
    }

    // ---- wire ----------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String requestId = UUID.randomUUID().toString();
            Reply reply;
            try {
                reply = answer(exchange, body, requestId);
            } catch (RuntimeException behaviourBug) {
                reply = serviceError(500, "ServiceException", "fake Lambda behaviour threw " + behaviourBug)
                        .apply(body);
            }
            send(exchange, reply, requestId);
        } catch (IOException clientWentAway) {
            // the client timed out or aborted: nothing to answer
        } finally {
            exchange.close();
        }
    }

    private Reply answer(HttpExchange exchange, byte[] body, String requestId) {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            return userError(
                    404,
                    "UnknownOperationException",
                    "This fake only serves POST /2015-03-31/functions/{FunctionName}/invocations");
        }
        String functionName = decode(path.group(1));
        String invocationType = headerOr(exchange, "X-Amz-Invocation-Type", "RequestResponse");
        if (!INVOCATION_TYPES.contains(invocationType)) {
            return userError(400, "InvalidParameterValueException", "Unsupported invocation type: " + invocationType);
        }
        FunctionReference reference = FunctionReference.parse(functionName);
        if (reference == null) {
            return userError(
                    400,
                    "ValidationException",
                    "1 validation error detected: Value '" + functionName
                            + "' at 'functionName' failed to satisfy constraint");
        }
        String queryQualifier = queryParameter(exchange.getRequestURI().getRawQuery(), "Qualifier");
        if (reference.qualifier() != null
                && queryQualifier != null
                && !reference.qualifier().equals(queryQualifier)) {
            return userError(
                    400,
                    "InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        String qualifier = reference.qualifier() != null ? reference.qualifier() : queryQualifier;
        received.add(new ReceivedInvocation(
                functionName,
                reference.name(),
                qualifier,
                invocationType,
                body,
                requestId,
                exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));

        Function<byte[], Reply> behaviour = behaviours.get(reference.name());
        if (behaviour == null) {
            String arn = "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + reference.name()
                    + (qualifier == null ? "" : ":" + qualifier);
            return userError(404, "ResourceNotFoundException", "Function not found: " + arn);
        }
        if (invocationType.equals("DryRun")) {
            return Reply.of(204, EMPTY);
        }
        Reply reply = behaviour.apply(body);
        if (reply.status() / 100 != 2) {
            return reply;
        }
        if (invocationType.equals("Event")) {
            return Reply.of(202, EMPTY);
        }
        String executed = qualifier != null && VERSION.matcher(qualifier).matches() ? qualifier : "$LATEST";
        return reply.withHeader("X-Amz-Executed-Version", executed);
    }

    private static Reply userError(int status, String errorType, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Type", "User");
        error.put("Message", message);
        return Reply.error(status, errorType, error);
    }

    private static void send(HttpExchange exchange, Reply reply, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("x-amzn-RequestId", requestId);
        if (reply.body().length > 0) {
            headers.set("Content-Type", "application/json");
        }
        if (reply.functionError() != null) {
            headers.set("X-Amz-Function-Error", reply.functionError());
        }
        reply.headers().forEach(headers::set);
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            exchange.getResponseBody().write(reply.body());
        }
    }

    private static String headerOr(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    /** Percent-decoding only: a '+' in a path or query value stays a '+'. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] json(Map<String, ?> document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + document, e);
        }
    }
}
