package dev.lambdarouter.router.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.testing.FailingAwsEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The Lambda context's fields on the request line written through {@link RouterHandler#handleRequest}, and nothing
 * of one request's logging context left for the next.
 */
class LambdaContextLogFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestLogTest.Capture capture;
    private PrintStream standardOutput;
    private FailingAwsEndpoint aws;

    @BeforeEach
    void start() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        capture = new RequestLogTest.Capture(config.getAppender("JsonAppender").getLayout());
        capture.start();
        config.getLoggerConfig("dev.lambdarouter").addAppender(capture, null, null);
        context.updateLoggers();
        // The request line goes to standard output, where Lambda collects it.
        standardOutput = System.out;
        System.setOut(capture.stream);
        // A store that fails every read: the router answers 503 and still writes its request line.
        aws = new FailingAwsEndpoint();
    }

    @AfterEach
    void stop() {
        System.setOut(standardOutput);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("dev.lambdarouter").removeAppender("capture");
        context.updateLoggers();
        aws.close();
    }

    @Test
    void eachRequestLineCarriesItsOwnInvocationsContextAndNothingIsLeftAfterwards() throws Exception {
        RouterHandler handler = new RouterHandler(
                RouterSettings.from(Map.of("ROUTER_CONFIG_LOAD_WAIT_MILLIS", "200")), aws.ssm(), aws.lambda());

        handle(handler, "request-1");
        assertEquals(Map.of(), mdc(), "the logging context outlived the invocation");
        handle(handler, "request-2");
        assertEquals(Map.of(), mdc(), "the logging context outlived the invocation");

        List<JsonNode> lines = capture.lines.stream()
                .filter(l -> l.contains("request completed"))
                .map(LambdaContextLogFieldsTest::json)
                .toList();
        assertEquals(2, lines.size(), capture.lines.toString());
        for (int i = 0; i < 2; i++) {
            JsonNode line = lines.get(i);
            assertEquals("request-" + (i + 1), line.path("function_request_id").asText(), line.toString());
            assertEquals("router-fn", line.path("function_name").asText(), line.toString());
            assertEquals("7", line.path("function_version").asText(), line.toString());
            assertEquals(
                    "arn:aws:lambda:us-east-1:123456789012:function:router-fn:live",
                    line.path("function_arn").asText(),
                    line.toString());
            assertEquals("512", line.path("function_memory_size").asText(), line.toString());
            assertTrue(line.has("cold_start"), line.toString());
            assertTrue(line.has("service"), line.toString());
            assertEquals("Root=1-abc-def", line.path("correlation_id").asText(), line.toString());
            assertTrue(line.path("status").asInt() >= 500, line.toString());
        }
        assertFalse(lines.get(0).equals(lines.get(1)));
    }

    private static Map<String, String> mdc() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null ? Map.of() : copy;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static void handle(RouterHandler handler, String requestId) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(("{\"httpMethod\":\"GET\",\"path\":\"/orders\",\"headers\":{"
                                + "\"x-amzn-trace-id\":\"Root=1-abc-def\"},"
                                + "\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn\"}}}")
                        .getBytes(StandardCharsets.UTF_8)),
                answer,
                context(requestId));
        assertTrue(answer.size() > 0, "the handler answered");
    }

    static Context context(String requestId) {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "getAwsRequestId" -> requestId;
                        case "getFunctionName" -> "router-fn";
                        case "getFunctionVersion" -> "7";
                        case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:router-fn:live";
                        case "getMemoryLimitInMB" -> 512;
                        case "getRemainingTimeInMillis" -> 3_000;
                        case "getLogGroupName", "getLogStreamName" -> "test";
                        default -> null;
                    };
                });
    }
}
