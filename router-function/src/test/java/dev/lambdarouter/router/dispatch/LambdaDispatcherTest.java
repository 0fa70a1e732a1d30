package dev.lambdarouter.router.dispatch;

import static dev.lambdarouter.router.testing.FakeLambdaServer.echo;
import static dev.lambdarouter.router.testing.FakeLambdaServer.fail;
import static dev.lambdarouter.router.testing.FakeLambdaServer.hang;
import static dev.lambdarouter.router.testing.FakeLambdaServer.respond;
import static dev.lambdarouter.router.testing.FakeLambdaServer.sequence;
import static dev.lambdarouter.router.testing.FakeLambdaServer.serviceError;
import static dev.lambdarouter.router.testing.FakeLambdaServer.throttle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Accepted;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Failed;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Failure;
import dev.lambdarouter.router.dispatch.DispatchOutcome.FunctionFailed;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Responded;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.router.testing.FakeLambdaServer.Reply;
import dev.lambdarouter.router.testing.ReceivedInvocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@link LambdaDispatcher} with the router's real client configuration against a fake Lambda Invoke API. */
class LambdaDispatcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String ALB_RESPONSE = "{\"statusCode\":200,\"body\":\"hello\"}";

    private FakeLambdaServer lambda;
    private LambdaClient client;
    private LambdaDispatcher dispatcher;

    @BeforeEach
    void startFakeLambda() {
        lambda = new FakeLambdaServer().start();
        client = clientFor(lambda.endpoint());
        dispatcher = new LambdaDispatcher(client);
    }

    @AfterEach
    void stopFakeLambda() {
        client.close();
        lambda.close();
    }

    @Test
    void syncInvocationReturnsTheWorkersPayloadAndRequestId() {
        lambda.register("orders", respond(ALB_RESPONSE));

        DispatchOutcome outcome = dispatcher.dispatch(sync("orders", "{\"path\":\"/orders\"}"));

        Responded responded = assertInstanceOf(Responded.class, outcome);
        assertEquals(ALB_RESPONSE, text(responded.payload()));
        ReceivedInvocation call = single(lambda.invocations());
        assertEquals("RequestResponse", call.invocationType());
        assertEquals("{\"path\":\"/orders\"}", call.payloadText());
        assertEquals(call.requestId(), responded.requestId());
    }

    @Test
    void asyncInvocationIsAcceptedWithTheRequestIdAndSentExactlyOnce() {
        lambda.register("reports", respond("{}"));

        DispatchOutcome outcome = dispatcher.dispatch(async("reports", "{\"job\":1}"));

        Accepted accepted = assertInstanceOf(Accepted.class, outcome);
        ReceivedInvocation call = single(lambda.invocations());
        assertEquals("Event", call.invocationType());
        assertEquals("{\"job\":1}", call.payloadText());
        assertEquals(call.requestId(), accepted.requestId());
    }

    @Test
    void functionErrorIsAFailureOfTheWorkerAndIsNotRetried() {
        lambda.register("orders", fail("java.lang.IllegalStateException", "boom"));

        DispatchOutcome outcome = dispatcher.dispatch(sync("orders", "{}"));

        FunctionFailed failed = assertInstanceOf(FunctionFailed.class, outcome);
        assertEquals("Unhandled", failed.errorType());
        assertEquals(
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}",
                text(failed.payload()));
        assertEquals(single(lambda.invocations()).requestId(), failed.requestId());
    }

    @Test
    void throttlingIsReportedAtOnceWithRetryAfterAndNotRetried() {
        lambda.register("orders", throttle(1));

        Failed failed = failure(dispatcher.dispatch(sync("orders", "{}")));

        assertEquals(Failure.THROTTLED, failed.failure());
        assertEquals(Duration.ofSeconds(1), failed.retryAfter());
        assertTrue(failed.detail().contains("ReservedFunctionConcurrentInvocationLimitExceeded"), failed.detail());
        assertEquals(1, lambda.invocations().size(), "the caller retries after Retry-After, not the router");
    }

    @Test
    void unknownFunctionIsNotFoundAndNotRetried() {
        Failed failed = failure(dispatcher.dispatch(sync("missing", "{}")));

        assertEquals(Failure.FUNCTION_NOT_FOUND, failed.failure());
        assertTrue(
                failed.detail().contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing"),
                failed.detail());
        assertTrue(failed.detail().contains("ResourceNotFoundException"), failed.detail());
        assertNull(failed.retryAfter());
        assertEquals(1, lambda.invocations().size());
    }

    @Test
    void workerSlowerThanTheTimeoutIsATimeout() {
        lambda.register("slow", hang(Duration.ofSeconds(3)));

        Failed failed = failure(
                dispatcher.dispatch(new Invocation("slow", DispatchMode.SYNC, bytes("{}"), Duration.ofMillis(300))));

        assertEquals(Failure.TIMEOUT, failed.failure());
        assertTrue(failed.detail().contains("within 300 ms"), failed.detail());
        assertEquals(1, lambda.invocations().size(), "a timed-out call is not sent again");
    }

    @Test
    void syncPayloadOverSixMegabytesIsRejectedWithoutCallingLambda() {
        lambda.register("orders", respond("{}"));

        Failed failed =
                failure(dispatcher.dispatch(new Invocation("orders", DispatchMode.SYNC, new byte[6_291_457], TIMEOUT)));

        assertEquals(Failure.PAYLOAD_TOO_LARGE, failed.failure());
        assertTrue(failed.detail().contains("6,291,457 bytes"), failed.detail());
        assertTrue(failed.detail().contains("at most 6,291,456 bytes"), failed.detail());
        assertEquals(List.of(), lambda.invocations());
    }

    @Test
    void asyncPayloadOverOneMegabyteIsRejectedWithoutCallingLambda() {
        lambda.register("reports", respond("{}"));

        Failed failed = failure(
                dispatcher.dispatch(new Invocation("reports", DispatchMode.ASYNC, new byte[1_048_577], TIMEOUT)));

        assertEquals(Failure.PAYLOAD_TOO_LARGE, failed.failure());
        assertTrue(failed.detail().contains("at most 1,048,576 bytes for Event"), failed.detail());
        assertEquals(List.of(), lambda.invocations());
    }

    @Test
    void payloadsExactlyAtTheLimitsAreSent() {
        lambda.register("orders", respond("{}"));
        lambda.register("reports", respond("{}"));

        DispatchOutcome sync = dispatcher.dispatch(
                new Invocation("orders", DispatchMode.SYNC, filled(PayloadLimits.SYNC_REQUEST_BYTES), TIMEOUT));
        DispatchOutcome async = dispatcher.dispatch(
                new Invocation("reports", DispatchMode.ASYNC, filled(PayloadLimits.ASYNC_REQUEST_BYTES), TIMEOUT));

        assertInstanceOf(Responded.class, sync);
        assertInstanceOf(Accepted.class, async);
        assertEquals(6_291_456, lambda.invocationsOf("orders").get(0).payload().length);
        assertEquals(1_048_576, lambda.invocationsOf("reports").get(0).payload().length);
    }

    @Test
    void payloadTooLargeForTheServiceIsReportedAsSuch() {
        lambda.register(
                "orders", serviceError(413, "RequestTooLargeException", "Request must be smaller than 6291456 bytes"));

        Failed failed = failure(dispatcher.dispatch(sync("orders", "{}")));

        assertEquals(Failure.PAYLOAD_TOO_LARGE, failed.failure());
        assertTrue(failed.detail().contains("Request must be smaller than 6291456 bytes"), failed.detail());
    }

    @Test
    void serverErrorOfTheServiceIsRetriedTwiceThenReported() {
        lambda.register("orders", serviceError(500, "ServiceException", "Lambda is having a bad day"));

        Failed failed = failure(dispatcher.dispatch(sync("orders", "{}")));

        assertEquals(Failure.SERVICE_ERROR, failed.failure());
        assertTrue(failed.detail().contains("Lambda is having a bad day"), failed.detail());
        assertTrue(failed.detail().contains("HTTP 500, ServiceException"), failed.detail());
        assertEquals(3, lambda.invocations().size(), "attempts: the first call and two retries");
    }

    @Test
    void aServerErrorFollowedBySuccessIsAnsweredByTheRetry() {
        lambda.register("orders", sequence(serviceError(500, "ServiceException", "transient"), respond(ALB_RESPONSE)));

        DispatchOutcome outcome = dispatcher.dispatch(sync("orders", "{}"));

        assertEquals(
                ALB_RESPONSE, text(assertInstanceOf(Responded.class, outcome).payload()));
        assertEquals(2, lambda.invocations().size());
    }

    @Test
    void accessDeniedIsReportedAndNotRetried() {
        lambda.register(
                "orders",
                serviceError(
                        403,
                        "AccessDeniedException",
                        "User: arn:aws:sts::123456789012:assumed-role/router is not authorized to perform: lambda:InvokeFunction"));

        Failed failed = failure(dispatcher.dispatch(sync("orders", "{}")));

        assertEquals(Failure.ACCESS_DENIED, failed.failure());
        assertTrue(failed.detail().contains("not authorized to perform: lambda:InvokeFunction"), failed.detail());
        assertEquals(1, lambda.invocations().size());
    }

    @Test
    void syncCallAnsweredAsIfQueuedIsAnInvalidResponse() {
        lambda.register("orders", payload -> Reply.of(202, new byte[0]));

        Failed failed = failure(dispatcher.dispatch(sync("orders", "{}")));

        assertEquals(Failure.INVALID_RESPONSE, failed.failure());
        assertTrue(failed.detail().contains("HTTP 202 instead of 200"), failed.detail());
    }

    @Test
    void unreachableServiceIsAServiceError() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (LambdaClient unreachable = clientFor(closedPort)) {
            Failed failed = failure(new LambdaDispatcher(unreachable).dispatch(sync("orders", "{}")));

            assertEquals(Failure.SERVICE_ERROR, failed.failure());
            assertTrue(failed.detail().contains("'orders'"), failed.detail());
        }
    }

    @Test
    void aliasReachesTheServiceAsNameAndQualifier() {
        lambda.register("orders", echo());

        DispatchOutcome outcome = dispatcher.dispatch(sync("orders:live", "{\"n\":1}"));

        assertEquals(
                "{\"n\":1}", text(assertInstanceOf(Responded.class, outcome).payload()));
        ReceivedInvocation call = single(lambda.invocations());
        assertEquals("orders:live", call.functionName());
        assertEquals("orders", call.function());
        assertEquals("live", call.qualifier());
    }

    @Test
    void functionArnReachesTheServiceUnchanged() {
        lambda.register("orders", echo());
        String arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders:7";

        DispatchOutcome outcome = dispatcher.dispatch(async(arn, "{}"));

        assertInstanceOf(Accepted.class, outcome);
        ReceivedInvocation call = single(lambda.invocations());
        assertEquals(arn, call.functionName());
        assertEquals("orders", call.function());
        assertEquals("7", call.qualifier());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    static LambdaClient clientFor(URI endpoint) {
        return LambdaClients.configuredBuilder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static Invocation sync(String function, String payload) {
        return new Invocation(function, DispatchMode.SYNC, bytes(payload), TIMEOUT);
    }

    private static Invocation async(String function, String payload) {
        return new Invocation(function, DispatchMode.ASYNC, bytes(payload), TIMEOUT);
    }

    /** Asserts a {@link Failed} whose detail is one line, as a log needs it, and no stack trace. */
    private static Failed failure(DispatchOutcome outcome) {
        Failed failed = assertInstanceOf(Failed.class, outcome);
        assertFalse(failed.detail().contains("\n"), failed.detail());
        assertFalse(failed.detail().contains("\tat ") || failed.detail().contains(".java:"), failed.detail());
        return failed;
    }

    private static ReceivedInvocation single(List<ReceivedInvocation> calls) {
        assertEquals(1, calls.size(), "calls received: " + calls);
        return calls.get(0);
    }

    private static byte[] filled(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        return payload;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
