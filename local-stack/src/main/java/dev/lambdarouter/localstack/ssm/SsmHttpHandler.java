package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations the router, {@code scripts/routes} and the documented AWS CLI commands call ({@code GetParameter},
 * {@code GetParametersByPath}, {@code PutParameter}) over SSM's AWS JSON 1.1 wire protocol: {@code POST /} with
 * {@code X-Amz-Target: AmazonSSM.<Operation>} and a JSON body; answers {@code application/x-amz-json-1.1}, errors as
 * HTTP 400 with {@code x-amzn-ErrorType} and {@code {"__type": code, "message": ...}}, which the SDKs and the AWS CLI
 * turn into their typed exceptions.
 *
 * <p>{@code GetParametersByPath} returns parameters in creation order and gives a {@code NextToken} whenever a page
 * is full (so an exactly full last page is followed by an empty one), as moto does.
 */
final class SsmHttpHandler implements HttpHandler {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final List<String> SUPPORTED = List.of("GetParameter", "GetParametersByPath", "PutParameter");

    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final int BY_PATH_MAX_RESULTS = 10;
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/ssm/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(SsmHttpHandler.class.getName());

    private final ParameterTable table;

    SsmHttpHandler(ParameterTable table) {
        this.table = table;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
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
                send(exchange, 200, invoke(target.substring(TARGET_PREFIX.length()), request, region(exchange)), null);
            } catch (SsmError e) {
                send(exchange, e.status(), error(e.code(), e.getMessage()), e.code());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Parameter Store request failed", e);
                send(exchange, 500, error("InternalServerError", String.valueOf(e)), "InternalServerError");
            }
        }
    }

    private ObjectNode invoke(String operation, JsonNode request, String region) {
        ObjectNode response = JSON.createObjectNode();
        switch (operation) {
            case "GetParameter" -> response.set("Parameter", json(table.get(string(request, "Name")), region));
            case "GetParametersByPath" -> getParametersByPath(request, region, response);
            case "PutParameter" -> {
                ParameterVersion stored = table.put(
                        string(request, "Name"),
                        string(request, "Value"),
                        string(request, "Type"),
                        string(request, "Tier"),
                        request.path("Overwrite").asBoolean(false));
                response.put("Version", stored.version()).put("Tier", stored.tier());
            }
            default ->
                throw SsmError.of(
                        "UnknownOperationException",
                        "The local Parameter Store does not support the operation AmazonSSM." + operation
                                + ". Supported: " + String.join(", ", SUPPORTED) + ".");
        }
        return response;
    }

    private void getParametersByPath(JsonNode request, String region, ObjectNode response) {
        String path = string(request, "Path");
        if (path == null) {
            throw SsmError.mustNotBeNull("path");
        }
        ParameterNames.validatePath(path);
        if (request.hasNonNull("ParameterFilters")) {
            throw SsmError.of("InvalidFilterKey", "The local Parameter Store does not support ParameterFilters.");
        }
        int maxResults = request.path("MaxResults").asInt(BY_PATH_MAX_RESULTS);
        if (maxResults < 1 || maxResults > BY_PATH_MAX_RESULTS) {
            throw SsmError.validation("1 validation error detected: Value '" + maxResults + "' at 'maxResults' failed"
                    + " to satisfy constraint: Member must have value between 1 and " + BY_PATH_MAX_RESULTS);
        }
        List<ParameterVersion> all =
                table.latestUnder(path, request.path("Recursive").asBoolean(false));
        int offset = offset(string(request, "NextToken"), all.size());
        List<ParameterVersion> page = all.subList(offset, Math.min(all.size(), offset + maxResults));
        ArrayNode parameters = response.putArray("Parameters");
        page.forEach(p -> parameters.add(json(p, region)));
        if (page.size() == maxResults) {
            response.put("NextToken", "page-" + (offset + maxResults));
        }
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

    private static ObjectNode json(ParameterVersion p, String region) {
        return JSON.createObjectNode()
                .put("Name", p.name())
                .put("Type", p.type())
                .put("Value", p.value())
                .put("Version", p.version())
                .put("LastModifiedDate", BigDecimal.valueOf(p.lastModified(), 3))
                .put("ARN", ParameterNames.arn(region, p.name()))
                .put("DataType", "text");
    }

    private static String string(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw SsmError.of("SerializationException", member + " must be a string");
        }
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The region the client signed for (from the SigV4 credential scope), so ARNs name it. */
    private static String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = CREDENTIAL_SCOPE.matcher(authorization == null ? "" : authorization);
        return m.find() ? m.group(1) : "us-east-1";
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("__type", code).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body, String errorType) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
