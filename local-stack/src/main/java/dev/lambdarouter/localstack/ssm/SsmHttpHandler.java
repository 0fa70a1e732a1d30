package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS JSON 1.1 wire protocol of SSM: {@code POST /} with {@code X-Amz-Target: AmazonSSM.<Operation>} and a JSON
 * body; answers {@code application/x-amz-json-1.1}, errors as HTTP 400 with {@code x-amzn-ErrorType} and
 * {@code {"__type": code, "message": ...}}, which the SDKs and the AWS CLI turn into their typed exceptions.
 */
final class SsmHttpHandler implements HttpHandler {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/ssm/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(SsmHttpHandler.class.getName());

    private final SsmOperations operations;

    SsmHttpHandler(SsmOperations operations) {
        this.operations = operations;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(
                        exchange,
                        405,
                        error(
                                "UnknownOperationException",
                                "The Parameter Store API accepts only POST with an"
                                        + " X-Amz-Target: AmazonSSM.<Operation> header."),
                        null);
                return;
            }
            try {
                String operation = operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                ObjectNode response = operations.invoke(operation, parse(body), region(exchange));
                send(exchange, 200, response, null);
            } catch (SsmError e) {
                if (e.status() >= 500) {
                    LOG.log(System.Logger.Level.ERROR, "Parameter Store: " + e.getMessage());
                }
                send(exchange, e.status(), error(e.code(), e.getMessage()), e.code());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Parameter Store request failed", e);
                send(exchange, 500, error("InternalServerError", String.valueOf(e)), "InternalServerError");
            }
        }
    }

    private static String operation(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
            throw SsmError.of(
                    "UnknownOperationException",
                    "Missing or invalid X-Amz-Target header (expected" + " AmazonSSM.<Operation>): " + target);
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw SsmError.serialization("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SsmError.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw SsmError.serialization("The request body could not be read: " + e.getMessage());
        }
    }

    /** The region the client signed for (from the SigV4 credential scope), so ARNs name it. */
    private static String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
            if (m.find()) {
                return m.group(1);
            }
        }
        return DEFAULT_REGION;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", code);
        error.put("message", message);
        return error;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body, String errorType) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
