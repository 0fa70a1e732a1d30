package dev.lambdarouter.localstack.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-only Lambda function (zipped by the tests, never deployed) that does on demand what the production
 * workers never do: fail, block, outlive its timeout, or echo its {@code Context}.
 *
 * <ul>
 *   <li>an EventBridge scheduled event prints an embedded-metric-format record (namespace {@code LocalStackTest},
 *       metric {@code Scheduled} = 1 with dimension {@code Rule} = the event's rule ARN, and the function's
 *       {@code AWS_ENDPOINT_URL_CLOUDWATCH} as a property) and returns {@code {}};</li>
 *   <li>an ALB event for a path ending in {@code /fail} throws; any other ALB event gets a 200 ALB response;</li>
 *   <li>{@code {"action":"echo"}} returns what the {@code Context} says;</li>
 *   <li>{@code {"action":"fail"}} throws;</li>
 *   <li>{@code {"action":"sleep","millis":n}} sleeps;</li>
 *   <li>{@code {"action":"block","startedFile":f,"releaseFile":g}} creates {@code f}, then waits until {@code g}
 *       exists (at most 20 s).</li>
 * </ul>
 * Jackson comes from the dependencies layer at run time.
 */
public final class ControllableFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        ObjectNode answer = event.has("httpMethod")
                ? albResponse(event)
                : "Scheduled Event".equals(event.path("detail-type").asText())
                        ? scheduled(event)
                        : command(event, context);
        output.write(JSON.writeValueAsBytes(answer));
    }

    private static ObjectNode scheduled(JsonNode event) {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode aws = record.putObject("_aws").put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", "LocalStackTest");
        directive.putArray("Dimensions").addArray().add("Rule");
        directive.putArray("Metrics").addObject().put("Name", "Scheduled").put("Unit", "Count");
        record.put("Rule", event.path("resources").path(0).asText());
        record.put("Scheduled", 1);
        record.put("cloudwatchEndpoint", System.getenv("AWS_ENDPOINT_URL_CLOUDWATCH"));
        System.out.println(record);
        return JSON.createObjectNode();
    }

    private static ObjectNode albResponse(JsonNode event) {
        String path = event.path("path").asText();
        if (path.endsWith("/fail")) {
            throw new IllegalStateException("failing on purpose for " + path);
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("statusCode", 200);
        response.put("statusDescription", "200 OK");
        ObjectNode body = JSON.createObjectNode().put("function", "test").put("path", path);
        if (event.has("multiValueHeaders")) {
            response.putObject("multiValueHeaders").putArray("content-type").add("application/json");
        } else {
            response.putObject("headers").put("content-type", "application/json");
        }
        response.put("body", body.toString());
        response.put("isBase64Encoded", false);
        return response;
    }

    private static ObjectNode command(JsonNode event, Context context) throws IOException {
        String action = event.path("action").asText();
        switch (action) {
            case "echo" -> {
                ObjectNode out = JSON.createObjectNode();
                out.put("awsRequestId", context.getAwsRequestId());
                out.put("functionName", context.getFunctionName());
                out.put("memoryLimitInMB", context.getMemoryLimitInMB());
                out.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
                out.put("invokedFunctionArn", context.getInvokedFunctionArn());
                out.put("region", System.getenv("AWS_REGION"));
                out.put("handlerVariable", System.getenv("_HANDLER"));
                out.put("contextClassLoader", Context.class.getClassLoader().getName());
                context.getLogger().log("echo from the test function for " + context.getAwsRequestId() + "\n");
                return out;
            }
            case "fail" -> throw new IllegalArgumentException("failing on purpose");
            case "sleep" -> {
                sleep(event.path("millis").asLong());
                return JSON.createObjectNode().put("slept", true);
            }
            case "block" -> {
                Files.writeString(Path.of(event.path("startedFile").asText()), "started");
                Path release = Path.of(event.path("releaseFile").asText());
                long deadline = System.currentTimeMillis() + 20_000;
                while (!Files.exists(release) && System.currentTimeMillis() < deadline) {
                    sleep(20);
                }
                return JSON.createObjectNode().put("released", Files.exists(release));
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
