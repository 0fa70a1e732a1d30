package dev.lambdarouter.localstack.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CloudWatch on loopback, for what the rollout controller and an operator call: {@code GetMetricData},
 * {@code PutMetricData}, {@code DescribeAlarms} and {@code SetAlarmState}, over the Smithy RPC v2 CBOR protocol the
 * SDK's CloudWatch client speaks ({@code POST /service/GraniteServiceVersion20100801/operation/<Operation>}, CBOR
 * bodies, gzip accepted; errors as HTTP 400, or 404 for an unknown alarm, with {@code {"__type", "message"}}), so
 * functions reach it through {@code AWS_ENDPOINT_URL_CLOUDWATCH}, and over the AWS JSON 1.0 protocol the AWS CLI
 * picks ({@code POST /} with {@code X-Amz-Target: GraniteServiceVersion20100801.<Operation>}, the same documents in
 * JSON, timestamps as epoch seconds). Any other operation is an error naming it.
 */
public final class LocalCloudWatch implements AutoCloseable {

    private static final Pattern OPERATION =
            Pattern.compile("/service/GraniteServiceVersion20100801/operation/([A-Za-z]+)");
    private static final String JSON_TARGET = "GraniteServiceVersion20100801.";
    private static final CBORMapper CBOR = new CBORMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(LocalCloudWatch.class.getName());

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "local-cloudwatch");
        thread.setDaemon(true);
        return thread;
    });
    private final MetricStore metrics = new MetricStore();
    private final AlarmTable alarms;

    /**
     * Serves on {@code bind} (port 0 picks a free one) the alarms of the template ({@code AlarmName} to properties).
     */
    public LocalCloudWatch(
            InetSocketAddress bind, Map<String, ObjectNode> alarms, LocalAccount account, ConsoleLog console)
            throws IOException {
        this.alarms = new AlarmTable(alarms, account, console);
        server = HttpServer.create(bind, 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The metrics this CloudWatch answers for: {@link EmfIngestion} and {@code PutMetricData} add to them. */
    public MetricStore metrics() {
        return metrics;
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code AWS_ENDPOINT_URL_CLOUDWATCH}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // The AWS CLI (botocore) picks CloudWatch's AWS JSON 1.0 protocol, the SDK for Java RPC v2 CBOR.
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            boolean json = target != null && target.startsWith(JSON_TARGET);
            ObjectMapper mapper = json ? JSON : CBOR;
            ObjectNode answer;
            int status = 200;
            try {
                Matcher path = OPERATION.matcher(exchange.getRequestURI().getPath());
                if (!exchange.getRequestMethod().equals("POST") || !(json || path.matches())) {
                    throw new CloudWatchError(
                            400,
                            "UnknownOperationException",
                            "The local CloudWatch speaks RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/"
                                    + "operation/<Operation>) and AWS JSON 1.0 (X-Amz-Target: " + JSON_TARGET
                                    + "<Operation>); got " + exchange.getRequestMethod() + " "
                                    + exchange.getRequestURI().getPath());
                }
                answer = answer(json ? target.substring(JSON_TARGET.length()) : path.group(1), read(exchange, mapper));
            } catch (CloudWatchError e) {
                status = e.status;
                answer = mapper.createObjectNode().put("__type", e.type).put("message", e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "CloudWatch request failed", e);
                status = 500;
                answer = mapper.createObjectNode()
                        .put("__type", "InternalServiceFault")
                        .put("message", e.toString());
            }
            byte[] body = mapper.writeValueAsBytes(answer);
            if (!json) {
                exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
            }
            exchange.getResponseHeaders().set("Content-Type", json ? "application/x-amz-json-1.0" : "application/cbor");
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static JsonNode read(HttpExchange exchange, ObjectMapper mapper) {
        try (InputStream body =
                "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody())
                        : exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
        } catch (IOException e) {
            throw new CloudWatchError(400, "SerializationException", "The request body cannot be read: " + e);
        }
    }

    private ObjectNode answer(String operation, JsonNode request) {
        return switch (operation) {
            case "GetMetricData" -> MetricRequests.getMetricData(request, metrics);
            case "PutMetricData" -> MetricRequests.putMetricData(request, metrics);
            case "DescribeAlarms" -> alarms.describe(request);
            case "SetAlarmState" -> alarms.setState(request);
            default ->
                throw new CloudWatchError(
                        400,
                        "UnknownOperationException",
                        "The local CloudWatch does not implement " + operation + " (it serves GetMetricData, "
                                + "PutMetricData, DescribeAlarms and SetAlarmState)");
        };
    }

    /** Stops serving at once; the metrics are gone with it. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
