package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.localstack.template.FunctionSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The whole local stack started from the project's {@code template.yaml} (the real router, workers and layer zips),
 * exercised from outside: real HTTP through the local ALB, and the real AWS SDK against the Invoke API and
 * Parameter Store. One stack serves every test (each execution environment is a JVM: cold starts cost ~1 s).
 *
 * <p>Besides the template's functions the stack runs one test-only function ({@code ControllableFunction}, zipped
 * here from the test classes) that fails, blocks or sleeps on demand, with a 3 s timeout and a reserved
 * concurrency of 1 set through the stack's override option.
 */
class LocalStackEndToEndTest {

    private static final String TEST_FUNCTION = "local-stack-test-function";
    private static final String PREFIX = "/lambda-router/dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private static final Queue<String> console = new ConcurrentLinkedQueue<>();
    private static RunningStack stack;
    private static HttpClient http;
    private static LambdaClient lambda;
    private static SsmClient ssm;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void startStack() throws Exception {
        ProjectZips.requireBuilt();
        Path testZip = TestArchives.testFunctionZip(scratch);
        Path log = Path.of("target", "local-stack-test.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        FunctionSpec router = ProjectZips.load().functions().get(0);
        FunctionSpec testFunction = new FunctionSpec(
                "LocalStackTestFunction",
                TEST_FUNCTION,
                "dev.lambdarouter.localstack.testfunction.ControllableFunction::handleRequest",
                "java21",
                testZip,
                router.layers(),
                Map.of(),
                256,
                3,
                null,
                null,
                null,
                0);
        StackSettings settings = new StackSettings(
                ProjectZips.template(),
                ProjectZips.projectRoot(),
                scratch.resolve("parameters.json"),
                0,
                0,
                0,
                0,
                "us-east-1",
                8,
                Duration.ofSeconds(60),
                Map.of(),
                Map.of(
                        "RouterFunction",
                        Map.of(
                                "ROUTER_CONFIG_TTL_SECONDS",
                                "1",
                                "ROUTER_CONFIG_JITTER_SECONDS",
                                "0",
                                // The router only invokes functions on its allowlist; the test function joins them.
                                "ROUTER_ALLOWED_FUNCTIONS",
                                router.environment().get("ROUTER_ALLOWED_FUNCTIONS") + "," + TEST_FUNCTION)),
                Map.of("LocalStackTestFunction", 1),
                List.of(testFunction),
                false,
                null);
        stack = RunningStack.start(settings, line -> {
            console.add(line);
            try {
                Files.writeString(
                        log,
                        line + "\n",
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the log file is only a debugging aid
            }
        });
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        lambda = LambdaClient.builder()
                .endpointOverride(stack.lambdaEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
        ssm = SsmClient.builder()
                .endpointOverride(stack.ssmEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopStack() {
        if (lambda != null) {
            lambda.close();
        }
        if (ssm != null) {
            ssm.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Through the local ALB: ALB -> router -> worker

    @Test
    void weightedSplitFollowsTheTemplateWeightsWithinTolerance() throws Exception {
        // The template seeds orders 90/10 between v1 and v2. Without x-user-id every request is drawn anew:
        // over 400 requests v2 is expected 40 times (sd 6); the tolerance 40 +/- 22 (about 3.7 sd) makes a
        // false failure rarer than 1 in 4000 runs.
        int requests = 400;
        int v2 = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = get("/orders/" + i, Map.of());
            assertEquals(200, response.statusCode(), response.body());
            if (json(response).path("version").asText().equals("v2")) {
                v2++;
            }
        }
        assertTrue(v2 >= 18 && v2 <= 62, "v2 answered " + v2 + " of " + requests + " requests; expected 40 +/- 22");
    }

    @Test
    void sameUserAlwaysReachesTheSameVersion() throws Exception {
        for (int user = 0; user < 15; user++) {
            String first = null;
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = get("/orders/7", Map.of("x-user-id", "user-" + user));
                assertEquals(200, response.statusCode(), response.body());
                String version = json(response).path("version").asText();
                if (first == null) {
                    first = version;
                }
                assertEquals(first, version, "user-" + user + " moved between versions");
            }
        }
    }

    @Test
    void canaryHeaderAndMultiValueQueryReachTheWorkerAsTheAlbSendsThem() throws Exception {
        HttpResponse<String> response = get("/orders?tag=a%20b&tag=c", Map.of("x-canary", "true"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("v2", body.path("version").asText());
        assertEquals("orders-canary-header", body.path("route").asText());
        assertEquals(List.of("a b", "c"), JSON.convertValue(body.path("tags"), List.class));
        assertEquals(
                body.path("requestId").asText(),
                response.headers().firstValue("x-request-id").orElse(null));
    }

    @Test
    void asyncRouteAnswers202AndTheReportJobRuns() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(alb("/reports?type=daily"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reportType\":\"sales\",\"from\":\"2026-01-01\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        JsonNode accepted = json(response);
        assertEquals("reports", accepted.path("route").asText());
        assertEquals("lambda-router-dev-report-jobs", accepted.path("target").asText());
        assertFalse(accepted.path("requestId").asText().isEmpty());
        String reportId = response.headers().firstValue("x-request-id").orElseThrow();

        String line = awaitConsole(l -> l.startsWith("[lambda-router-dev-report-jobs/")
                && l.contains("report generated")
                && l.contains(reportId));
        assertTrue(line.contains("\"reportType\":\"sales\""), line);
    }

    @Test
    void putParameterThroughTheSdkChangesRoutingAfterTheTtl() throws Exception {
        Map<String, String> marked = Map.of("x-moved", "yes");
        HttpResponse<String> before = get("/orders/1", marked);
        assertEquals("orders", json(before).path("route").asText(), before.statusCode() + " " + before.body());

        putRoute("moved", """
                {"name": "moved", "priority": 20,
                 "match": {"paths": [{"prefix": "/orders"}], "headers": [{"name": "x-moved", "present": true}]},
                 "targets": [{"function": "lambda-router-dev-orders-v2", "weight": 100}]}""");

        HttpResponse<String> response =
                await(() -> get("/orders/1", marked), r -> r.statusCode() == 200 && "moved".equals(routeOf(r)));
        assertEquals("v2", json(response).path("version").asText());
        assertEquals("orders", json(get("/orders/1", Map.of())).path("route").asText(), "other requests unchanged");
    }

    @Test
    void failingWorkerGives502ProblemJson() throws Exception {
        putRoute("test-function", """
                {"name": "test-function", "priority": 30, "match": {"paths": [{"prefix": "/test-function"}]},
                 "targets": [{"function": "local-stack-test-function", "weight": 100}]}""");
        HttpResponse<String> healthy = await(() -> get("/test-function/hello", Map.of()), r -> r.statusCode() != 404);
        assertEquals(200, healthy.statusCode(), healthy.body());
        assertEquals("test", json(healthy).path("function").asText());

        HttpResponse<String> failed = get("/test-function/fail", Map.of());
        assertEquals(502, failed.statusCode(), failed.body());
        assertEquals(
                "application/problem+json",
                failed.headers().firstValue("content-type").orElse(null));
        assertEquals(
                "urn:lambda-router:problem:worker-failed",
                json(failed).path("type").asText());
    }

    @Test
    void unknownPathGives404ProblemJson() throws Exception {
        HttpResponse<String> response = get("/nope/anything", Map.of());
        assertEquals(404, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("content-type").orElse(null));
        assertEquals(404, json(response).path("status").asInt());
    }

    @Test
    void bodyOverOneMegabyteIsRefusedByTheAlbWith413() throws Exception {
        byte[] body = new byte[1024 * 1024 + 1];
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(alb("/orders"))
                        .header("content-type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("413 Request Entity Too Large"), response.body());
    }

    @Test
    void healthCheckPathIsAnsweredByTheRouter() throws Exception {
        HttpResponse<String> response = get("/_router/health", Map.of());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ok", json(response).path("status").asText());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bad HTTP, sent over a raw socket (java.net.http refuses to send most of it): answered as the ALB does

    @Test
    void manyHeadersWithinTheAlbsLimitsReachTheTarget() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 230; i++) { // over the JDK server's 200, under the router's 256
            headers.append("x-extra-").append(i).append(": ").append(i).append("\r\n");
        }
        String response = RawHttp.exchange(
                stack.albEndpoint(),
                "GET /orders/1 HTTP/1.1\r\nHost: local\r\n" + headers + "Connection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        assertTrue(response.contains("\"version\""), response);
    }

    @Test
    void malformedRequestsGetTheAlbsBadRequestPageWithoutInternalNames() throws Exception {
        String header16k = "x-big: " + "a".repeat(16 * 1024) + "\r\n";
        StringBuilder header64k = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            header64k
                    .append("x-part-")
                    .append(i)
                    .append(": ")
                    .append("b".repeat(8000))
                    .append("\r\n");
        }
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("bad percent-encoding", "GET /orders/%zz HTTP/1.1\r\nHost: local\r\n\r\n");
        requests.put("truncated percent-encoding", "GET /orders?q=%4 HTTP/1.1\r\nHost: local\r\n\r\n");
        requests.put("header line over 16 KB", "GET /orders/1 HTTP/1.1\r\nHost: local\r\n" + header16k + "\r\n");
        requests.put("head over 64 KB", "GET /orders/1 HTTP/1.1\r\nHost: local\r\n" + header64k + "\r\n");
        requests.put(
                "request line over 16 KB", "GET /orders/" + "c".repeat(16 * 1024) + " HTTP/1.1\r\nHost: local\r\n\r\n");
        requests.put("no Host", "GET /orders/1 HTTP/1.1\r\n\r\n");
        requests.put("malformed header", "GET /orders/1 HTTP/1.1\r\nHost: local\r\nno colon here\r\n\r\n");
        requests.put("folded header", "GET /orders/1 HTTP/1.1\r\nHost: local\r\nx-a: 1\r\n  continued\r\n\r\n");
        requests.put("bad Content-Length", "POST /orders HTTP/1.1\r\nHost: local\r\nContent-Length: abc\r\n\r\n");
        requests.put("garbage", "GARBAGE\r\n\r\n");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String response = RawHttp.exchange(stack.albEndpoint(), request.getValue());
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), request.getKey() + ": " + response);
            assertAlbErrorPage(request.getKey(), response, "400 Bad Request");
        }
    }

    @Test
    void transferEncodingWithoutChunkedLastGets400() throws Exception {
        // RFC 9112 6.3: the body length cannot be determined, the server MUST answer 400 (Jetty does; the ALB 501).
        String response = RawHttp.exchange(
                stack.albEndpoint(), "POST /orders HTTP/1.1\r\nHost: local\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertAlbErrorPage("gzip", response, "400 Bad Request");
    }

    @Test
    void chunkedAndExpectContinueBodiesReachTheTarget() throws Exception {
        String json = "{\"reportType\":\"chunked\"}";
        String chunked = RawHttp.exchange(
                stack.albEndpoint(),
                "POST /reports HTTP/1.1\r\nHost: local\r\ncontent-type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + Integer.toHexString(10) + "\r\n" + json.substring(0, 10) + "\r\n"
                        + Integer.toHexString(json.length() - 10) + "\r\n" + json.substring(10) + "\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 202 "), chunked);

        String continued = RawHttp.exchangeWithContinue(
                stack.albEndpoint(),
                "POST /reports HTTP/1.1\r\nHost: local\r\ncontent-type: application/json\r\nExpect: 100-continue\r\n"
                        + "Content-Length: " + json.length() + "\r\nConnection: close\r\n\r\n",
                json);
        assertTrue(continued.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 "), continued);

        String refused = RawHttp.exchange(
                stack.albEndpoint(),
                "POST /reports HTTP/1.1\r\nHost: local\r\nExpect: 100-continue\r\nContent-Length: "
                        + (dev.lambdarouter.localstack.alb.LocalAlb.REQUEST_BODY_LIMIT + 1) + "\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 413 "), refused);
    }

    private static void assertAlbErrorPage(String what, String response, String title) {
        assertTrue(response.contains("Server: awselb/2.0"), what + ": " + response);
        assertTrue(response.contains("<title>" + title + "</title>"), what + ": " + response);
        assertFalse(response.toLowerCase(java.util.Locale.ROOT).contains("exception"), what + ": " + response);
        assertFalse(response.contains("java"), what + ": " + response);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The banner

    @Test
    void bannerExportsTheEnvironmentBeforeItsCommandsAndTheCommandsWorkAsPrinted() throws Exception {
        String banner = Banner.render(stack);
        List<String> lines = banner.lines().map(String::strip).toList();
        int firstExport = indexOf(lines, "export ");
        int firstAws = indexOf(lines, "aws ");
        assertTrue(firstExport >= 0 && firstExport < firstAws, banner);
        assertFalse(banner.contains("/dev/stdout"), banner);
        String environment = String.join(
                "\n", lines.stream().filter(l -> l.startsWith("export ")).toList());
        for (String expected : List.of(
                "AWS_ACCESS_KEY_ID=local",
                "AWS_SECRET_ACCESS_KEY=local",
                "AWS_REGION=us-east-1",
                "AWS_DEFAULT_REGION=us-east-1",
                "AWS_ENDPOINT_URL_SSM=" + stack.ssmEndpoint(),
                "AWS_ENDPOINT_URL_LAMBDA=" + stack.lambdaEndpoint(),
                "ROUTER_CONFIG_PREFIX=" + PREFIX)) {
            assertTrue(environment.contains(expected), expected + " missing from\n" + banner);
        }
        assertTrue(banner.contains("routes show"), banner);

        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("bash", "-c", "command -v aws").start().waitFor() == 0,
                "the AWS CLI is not on PATH: the printed commands are not run");
        String script = "set -euo pipefail\n"
                + String.join(
                        "\n",
                        lines.stream()
                                .filter(l -> l.startsWith("export ") || l.startsWith("aws ") || l.startsWith("curl "))
                                .toList());
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        shell.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        shell.environment().put("HOME", scratch.toString()); // no ~/.aws of the machine's user
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains(PREFIX + "/version"), output);
        assertTrue(output.contains("\"statusCode\""), output);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The Lambda Invoke API, through the real SDK

    @Test
    void invokeApiAddressesAFunctionByLogicalIdNameArnAndAlias() throws Exception {
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:lambda-router-dev-router";
        byte[] health = Files.readAllBytes(ProjectZips.projectRoot().resolve("events/health.json"));
        for (String name : List.of(
                "RouterFunction", "lambda-router-dev-router", arn, arn + ":live", "lambda-router-dev-router:$LATEST")) {
            InvokeResponse response = lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromByteArray(health)));
            assertEquals(200, response.statusCode(), name);
            assertEquals(null, response.functionError(), name);
            assertEquals(
                    200,
                    JSON.readTree(response.payload().asByteArray())
                            .path("statusCode")
                            .asInt(),
                    name);
            assertNotNull(response.responseMetadata().requestId());
        }
        InvokeResponse qualified = lambda.invoke(r ->
                r.functionName("lambda-router-dev-router").qualifier("live").payload(SdkBytes.fromByteArray(health)));
        assertEquals("1", qualified.executedVersion());

        ResourceNotFoundException missing = assertThrows(
                ResourceNotFoundException.class,
                () -> lambda.invoke(r -> r.functionName("no-such-function").payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.getMessage().contains("Function not found"), missing.getMessage());
        assertThrows(
                ResourceNotFoundException.class,
                () -> lambda.invoke(r -> r.functionName("lambda-router-dev-router:no-such-alias")
                        .payload(SdkBytes.fromUtf8String("{}"))));
    }

    @Test
    void handlerSeesAContextFromItsOwnClassLoader() throws Exception {
        InvokeResponse response = lambda.invoke(
                r -> r.functionName(TEST_FUNCTION).payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}")));
        assertEquals(null, response.functionError(), response.payload().asUtf8String());
        JsonNode echo = JSON.readTree(response.payload().asByteArray());
        assertEquals(
                response.responseMetadata().requestId(),
                echo.path("awsRequestId").asText());
        assertEquals(TEST_FUNCTION, echo.path("functionName").asText());
        assertEquals(256, echo.path("memoryLimitInMB").asInt());
        int remaining = echo.path("remainingTimeInMillis").asInt();
        assertTrue(remaining > 0 && remaining <= 3000, "remaining time " + remaining);
        assertEquals("us-east-1", echo.path("region").asText());
        assertEquals(
                "function",
                echo.path("contextClassLoader").asText(),
                "Context must come from the function's " + "own class loader (its layer's aws-lambda-java-core)");
        awaitConsole(l -> l.startsWith("[" + TEST_FUNCTION + "/env-")
                && l.contains("echo from the test function for "
                        + echo.path("awsRequestId").asText()));
    }

    @Test
    void functionErrorComesBackAsUnhandledWithTheRuntimesErrorDocument() throws Exception {
        InvokeResponse response = lambda.invoke(
                r -> r.functionName(TEST_FUNCTION).payload(SdkBytes.fromUtf8String("{\"action\":\"fail\"}")));
        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertEquals(
                "java.lang.IllegalArgumentException", error.path("errorType").asText());
        assertEquals("failing on purpose", error.path("errorMessage").asText());
        assertTrue(
                error.path("stackTrace").isArray() && !error.path("stackTrace").isEmpty());

        // A POJO handler (the orders worker) with an event the runtime's serialiser cannot read.
        InvokeResponse unreadable = lambda.invoke(
                r -> r.functionName("OrdersV1Function").payload(SdkBytes.fromUtf8String("{\"httpMethod\": ")));
        assertEquals("Unhandled", unreadable.functionError());
        assertEquals(
                "An error occurred during JSON parsing",
                JSON.readTree(unreadable.payload().asByteArray())
                        .path("errorMessage")
                        .asText());
    }

    @Test
    void exceedingReservedConcurrencyGives429FromTheInvokeApi() throws Exception {
        Path started = scratch.resolve("blocked-started");
        Path release = scratch.resolve("blocked-release");
        String block = JSON.createObjectNode()
                .put("action", "block")
                .put("startedFile", started.toString())
                .put("releaseFile", release.toString())
                .toString();
        CompletableFuture<InvokeResponse> blocked = CompletableFuture.supplyAsync(
                () -> lambda.invoke(r -> r.functionName(TEST_FUNCTION).payload(SdkBytes.fromUtf8String(block))));
        try {
            await(() -> Files.exists(started), exists -> exists);
            TooManyRequestsException throttled = assertThrows(
                    TooManyRequestsException.class,
                    () -> lambda.invoke(r ->
                            r.functionName(TEST_FUNCTION).payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}"))));
            assertEquals(429, throttled.statusCode());
            assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());
        } finally {
            Files.writeString(release, "go");
        }
        InvokeResponse first = blocked.get(30, TimeUnit.SECONDS);
        assertEquals(null, first.functionError(), first.payload().asUtf8String());
        assertTrue(JSON.readTree(first.payload().asByteArray()).path("released").asBoolean());
    }

    @Test
    void timeoutIsEnforcedLikeLambda() throws Exception {
        InvokeResponse response = lambda.invoke(r -> r.functionName(TEST_FUNCTION)
                .payload(SdkBytes.fromUtf8String("{\"action\":\"sleep\",\"millis\":10000}")));
        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertEquals("Sandbox.Timedout", error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().endsWith("Task timed out after 3.00 seconds"), error.toString());
        // The timed-out environment is gone; the next invocation gets a fresh one and works.
        InvokeResponse next = lambda.invoke(
                r -> r.functionName(TEST_FUNCTION).payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}")));
        assertEquals(null, next.functionError(), next.payload().asUtf8String());
    }

    @Test
    void eventInvocationIsAcceptedWith202AndRunsInTheBackground() throws Exception {
        InvokeResponse response = lambda.invoke(r -> r.functionName(TEST_FUNCTION)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}")));
        assertEquals(202, response.statusCode());
        String requestId = response.responseMetadata().requestId();
        assertNotNull(requestId);
        awaitConsole(l -> l.startsWith("[" + TEST_FUNCTION + "/env-")
                && l.contains("echo from the test function for " + requestId));
    }

    @Test
    void payloadsOverLambdaLimitsAreRejectedWith413() {
        byte[] big = new byte[6 * 1024 * 1024 + 1];
        RequestTooLargeException tooLarge = assertThrows(
                RequestTooLargeException.class,
                () -> lambda.invoke(r -> r.functionName(TEST_FUNCTION).payload(SdkBytes.fromByteArray(big))));
        assertEquals(413, tooLarge.statusCode());
        byte[] bigEvent = new byte[1024 * 1024 + 1];
        assertThrows(
                RequestTooLargeException.class,
                () -> lambda.invoke(r -> r.functionName(TEST_FUNCTION)
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromByteArray(bigEvent))));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final AtomicInteger ROUTE_EDITS = new AtomicInteger();

    private static void putRoute(String name, String json) {
        ssm.putParameter(r -> r.name(PREFIX + "/routes/" + name)
                .value(json)
                .type(ParameterType.STRING)
                .overwrite(true));
        // Any new value moves the version (the template seeds "seed-<hash>"; the CLI writes timestamps).
        String version = "test-edit-" + ROUTE_EDITS.incrementAndGet();
        ssm.putParameter(r -> r.name(PREFIX + "/version")
                .value(version)
                .type(ParameterType.STRING)
                .overwrite(true));
    }

    private static URI alb(String pathAndQuery) {
        return URI.create(stack.albEndpoint() + pathAndQuery);
    }

    private static HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(alb(pathAndQuery)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String routeOf(HttpResponse<String> response) {
        try {
            return json(response).path("route").asText();
        } catch (IOException notJson) {
            return null;
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String awaitConsole(Predicate<String> wanted) throws Exception {
        return await(() -> console.stream().filter(wanted).findFirst().orElse(null), line -> line != null);
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    /** Repeats {@code attempt} until its result is accepted (routing changes and async work are eventual). */
    private static <T> T await(Attempt<T> attempt, Predicate<T> accepted) throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = attempt.run();
            if (accepted.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        fail("not within " + EVENTUALLY + "; last result: " + last);
        return last;
    }
}
