package dev.lambdarouter.benchmarks.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for the two AWS services the router calls, answering as the real services' JSON APIs do:
 * Parameter Store ({@code GetParameter} of the version, {@code GetParametersByPath} with one route parameter) and
 * Lambda {@code Invoke} (every function answers {@link BenchmarkEvents#WORKER_ANSWER}, the same canned bytes for
 * the router and for a bare SDK call). Point the SDK at it with {@code AWS_ENDPOINT_URL_SSM} and
 * {@code AWS_ENDPOINT_URL_LAMBDA} set to {@link #endpoint()}.
 *
 * <p>Run standalone (so that its work stays out of the measured JVM): {@code java -cp benchmarks/target/classes
 * dev.lambdarouter.benchmarks.lambda.LoopbackAws} prints {@code endpoint=http://127.0.0.1:<port>} and serves until
 * its standard input closes.
 */
public final class LoopbackAws implements AutoCloseable {

    /** The configuration prefix the stub's Parameter Store answers for. */
    public static final String PREFIX = "/lambda-router/bench";

    private static final String SSM_JSON = "application/x-amz-json-1.1";

    private final HttpServer server;
    private final byte[] version;
    private final byte[] listing;
    private final AtomicLong invocations = new AtomicLong();

    private LoopbackAws(HttpServer server) {
        this.server = server;
        this.version = ("{\"Parameter\":{\"Name\":\"" + PREFIX + "/version\",\"Type\":\"String\",\"Value\":\"1\","
                        + "\"Version\":1,\"DataType\":\"text\"}}")
                .getBytes(StandardCharsets.UTF_8);
        this.listing = ("{\"Parameters\":[{\"Name\":\"" + PREFIX + "/routes/orders\",\"Type\":\"String\",\"Value\":"
                        + quote(BenchmarkEvents.ROUTE) + ",\"Version\":1,\"DataType\":\"text\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the stub on an ephemeral loopback port. */
    public static LoopbackAws start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackAws aws = new LoopbackAws(server);
        server.createContext("/", aws::answer);
        server.start();
        return aws;
    }

    public static void main(String[] args) throws IOException {
        try (LoopbackAws aws = start()) {
            System.out.println("endpoint=" + aws.endpoint());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lambda Invoke calls answered so far. */
    public long invocations() {
        return invocations.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        byte[] body;
        if ("AmazonSSM.GetParameter".equals(target)) {
            body = version;
            exchange.getResponseHeaders().set("Content-Type", SSM_JSON);
        } else if ("AmazonSSM.GetParametersByPath".equals(target)) {
            body = listing;
            exchange.getResponseHeaders().set("Content-Type", SSM_JSON);
        } else {
            invocations.incrementAndGet();
            body = BenchmarkEvents.WORKER_ANSWER;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
