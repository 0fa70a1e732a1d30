package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local AWS Systems Manager Parameter Store: the SSM operations the router, {@code scripts/routes} and the
 * documented AWS CLI commands call over SSM's AWS JSON 1.1 wire protocol ({@code POST /} with
 * {@code X-Amz-Target: AmazonSSM.<Operation>} and a JSON body; errors as HTTP 400 with {@code x-amzn-ErrorType} and
 * {@code {"__type": code, "message": ...}}), so the SDK reaches it with {@code AWS_ENDPOINT_URL_SSM}. Not emulated:
 * KMS ({@code SecureString} values are stored in plain text), labels, tags, policies, describing parameters.
 *
 * <p>{@code GetParametersByPath} returns parameters in creation order and gives a {@code NextToken} whenever a page
 * is full (so an exactly full last page is followed by an empty one), as moto does; {@code GetParameterHistory}
 * returns the kept versions oldest first, at most 50 a page, with a {@code NextToken} only when more follow. Every
 * change is in the state file before it is answered. Thread-safe.
 */
public final class LocalParameterStore implements AutoCloseable {
    private static final String SUPPORTED = "GetParameter, GetParametersByPath, GetParameterHistory, PutParameter,"
            + " DeleteParameter, DeleteParameters";
    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final int BY_PATH_MAX_RESULTS = 10;
    private static final int HISTORY_MAX_RESULTS = 50;
    private static final int DELETE_MAX_NAMES = 10;
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([a-z0-9-]+)/ssm/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(LocalParameterStore.class.getName());

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "local-ssm");
        thread.setDaemon(true);
        return thread;
    });
    private final ParameterTable table;

    private LocalParameterStore(InetSocketAddress bind, ParameterTable table) throws IOException {
        this.table = table;
        this.server = HttpServer.create(bind, 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Loads {@code stateFile} (which need not exist yet) and serves on {@code bind} (port 0 picks a free one). */
    public static LocalParameterStore start(InetSocketAddress bind, Path stateFile) throws IOException {
        return new LocalParameterStore(bind, new ParameterTable(new StateFile(stateFile), Clock.systemUTC()));
    }

    /** The base URL to give the SDK ({@code endpointOverride}) or the AWS CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /**
     * Creates each parameter (String, Standard tier) whose name does not exist yet (earlier edits are kept); all or
     * nothing: an {@link IllegalArgumentException} names a name or value Parameter Store would reject.
     */
    public void seed(Map<String, String> stringParameters) {
        table.seed(stringParameters);
    }

    /** Stops serving at once. The state file already holds every change. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            try {
                if (!"POST".equals(exchange.getRequestMethod())
                        || target == null
                        || !target.startsWith(TARGET_PREFIX)) {
                    throw SsmError.of(
                            "UnknownOperationException",
                            "The Parameter Store API accepts only POST with an X-Amz-Target: AmazonSSM.<Operation>"
                                    + " header; got " + exchange.getRequestMethod() + " with " + target);
                }
                JsonNode request;
                try {
                    request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
                } catch (IOException e) {
                    throw SsmError.of("SerializationException", "The request body is not valid JSON.");
                }
                if (!request.isObject()) {
                    throw SsmError.of("SerializationException", "The request body must be a JSON object.");
                }
                send(exchange, 200, invoke(target.substring(TARGET_PREFIX.length()), request, caller(exchange)), null);
            } catch (SsmError e) {
                send(exchange, e.status, error(e.code, e.getMessage()), e.code);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Parameter Store request failed", e);
                send(exchange, 500, error("InternalServerError", String.valueOf(e)), "InternalServerError");
            }
        }
    }

    private ObjectNode invoke(String operation, JsonNode request, Caller caller) {
        ObjectNode response = JSON.createObjectNode();
        switch (operation) {
            case "GetParameter" -> response.set("Parameter", json(table.get(string(request, "Name")), caller.region()));
            case "GetParametersByPath" -> {
                String path = string(request, "Path");
                if (path == null) {
                    throw SsmError.mustNotBeNull("path");
                }
                ParameterTable.validatePath(path);
                if (request.hasNonNull("ParameterFilters")) {
                    throw SsmError.of(
                            "InvalidFilterKey", "The local Parameter Store does not support ParameterFilters.");
                }
                ArrayNode parameters = response.putArray("Parameters");
                List<ParameterVersion> all =
                        table.latestUnder(path, request.path("Recursive").asBoolean(false));
                page(all, request, BY_PATH_MAX_RESULTS, true, response)
                        .forEach(p -> parameters.add(json(p, caller.region())));
            }
            case "GetParameterHistory" -> {
                ArrayNode parameters = response.putArray("Parameters");
                page(table.history(string(request, "Name")), request, HISTORY_MAX_RESULTS, false, response)
                        .forEach(p -> parameters.add(json(p, null)));
            }
            case "PutParameter" -> {
                ParameterVersion stored = table.put(
                        string(request, "Name"),
                        string(request, "Value"),
                        string(request, "Type"),
                        string(request, "Tier"),
                        request.path("Overwrite").asBoolean(false),
                        caller.user());
                response.put("Version", stored.version()).put("Tier", stored.tier());
            }
            case "DeleteParameter" -> {
                String name = string(request, "Name");
                if (name == null) {
                    throw SsmError.mustNotBeNull("name");
                }
                if (table.delete(List.of(name)).isEmpty()) {
                    throw SsmError.parameterNotFound(name);
                }
            }
            case "DeleteParameters" -> {
                List<String> names = strings(request, "Names");
                if (names.isEmpty() || names.size() > DELETE_MAX_NAMES) {
                    throw SsmError.validation("1 validation error detected: Value '" + names + "' at 'names' failed"
                            + " to satisfy constraint: Member must have length between 1 and " + DELETE_MAX_NAMES);
                }
                List<String> deleted = table.delete(names);
                ArrayNode invalid = response.putArray("InvalidParameters");
                names.stream().filter(n -> !deleted.contains(n)).distinct().forEach(invalid::add);
                deleted.forEach(response.putArray("DeletedParameters")::add);
            }
            default ->
                throw SsmError.of(
                        "UnknownOperationException",
                        "The local Parameter Store does not support the operation AmazonSSM." + operation
                                + ". Supported: " + SUPPORTED + ".");
        }
        return response;
    }

    /**
     * The page of {@code all} that {@code MaxResults} (1 to {@code max}, default {@code max}) and {@code NextToken}
     * ask for; sets the response's {@code NextToken} when more may follow: whenever the page is full with
     * {@code whenFull} (as moto lists by path), else only when more items remain (as AWS pages a history).
     */
    private static List<ParameterVersion> page(
            List<ParameterVersion> all, JsonNode request, int max, boolean whenFull, ObjectNode response) {
        int maxResults = request.path("MaxResults").asInt(max);
        if (maxResults < 1 || maxResults > max) {
            throw SsmError.validation("1 validation error detected: Value '" + maxResults + "' at 'maxResults' failed"
                    + " to satisfy constraint: Member must have value between 1 and " + max);
        }
        int offset = offset(string(request, "NextToken"), all.size());
        int end = Math.min(all.size(), offset + maxResults);
        if (whenFull ? end - offset == maxResults : end < all.size()) {
            response.put("NextToken", "page-" + end);
        }
        return all.subList(offset, end);
    }

    private static int offset(String nextToken, int size) {
        if (nextToken == null) {
            return 0;
        }
        try {
            if (nextToken.startsWith("page-")) {
                return Math.min(Integer.parseUnsignedInt(nextToken.substring("page-".length())), size);
            }
        } catch (NumberFormatException malformed) {
            // answered below
        }
        throw SsmError.of("InvalidNextToken", "The specified token isn't valid.");
    }

    /** A {@code Parameter}, or with {@code region} null a {@code ParameterHistory} entry. */
    private static ObjectNode json(ParameterVersion p, String region) {
        ObjectNode json = JSON.createObjectNode()
                .put("Name", p.name())
                .put("Type", p.type())
                .put("Value", p.value())
                .put("Version", p.version())
                .put("LastModifiedDate", BigDecimal.valueOf(p.lastModified(), 3));
        if (region != null) {
            return json.put("ARN", ParameterTable.arn(region, p.name())).put("DataType", "text");
        }
        json.put("LastModifiedUser", p.lastModifiedUser())
                .put("DataType", "text")
                .put("Tier", p.tier());
        json.putArray("Labels");
        json.putArray("Policies");
        return json;
    }

    private static List<String> strings(JsonNode request, String member) {
        JsonNode node = request.path(member);
        if (!node.isArray()) {
            throw node.isMissingNode() || node.isNull()
                    ? SsmError.mustNotBeNull(member.toLowerCase(Locale.ROOT))
                    : SsmError.of("SerializationException", member + " must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw SsmError.of("SerializationException", member + " must be a list of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static String string(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw SsmError.of("SerializationException", member + " must be a string");
        }
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Who signed the request: the region of its SigV4 credential scope (ARNs name it) and its access key's user. */
    private record Caller(String region, String user) {}

    private static Caller caller(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = CREDENTIAL_SCOPE.matcher(authorization == null ? "" : authorization);
        return m.find()
                ? new Caller(m.group(2), ParameterTable.userArn(m.group(1)))
                : new Caller("us-east-1", ParameterTable.userArn("anonymous"));
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("__type", code).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body, String errorType) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
