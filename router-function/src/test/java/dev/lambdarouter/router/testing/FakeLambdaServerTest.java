package dev.lambdarouter.router.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The parts of the fake's Invoke API the dispatcher tests do not reach, through a plain SDK client. */
class FakeLambdaServerTest {

    private FakeLambdaServer lambda;
    private LambdaClient client;

    @BeforeEach
    void start() {
        lambda = new FakeLambdaServer().start();
        lambda.register("orders", FakeLambdaServer.respond("{\"ok\":true}"));
        client = LambdaClient.builder()
                .endpointOverride(lambda.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        lambda.close();
    }

    @Test
    void qualifierParameterIsRecordedAndANumericVersionIsReportedAsExecuted() {
        InvokeResponse response =
                client.invoke(b -> b.functionName("orders").qualifier("12").payload(SdkBytes.fromUtf8String("{}")));

        assertEquals("12", response.executedVersion());
        assertEquals("{\"ok\":true}", response.payload().asUtf8String());
        ReceivedInvocation call = lambda.invocations().get(0);
        assertEquals(
                List.of("orders", "orders", "12"), List.of(call.functionName(), call.function(), call.qualifier()));
    }

    @Test
    void qualifierInTheNameThatContradictsTheParameterIsRejected() {
        assertThrows(
                InvalidParameterValueException.class,
                () -> client.invoke(b -> b.functionName("orders:live").qualifier("beta")));
        assertEquals(List.of(), lambda.invocations());
    }

    @Test
    void dryRunAnswers204WithoutABody() {
        InvokeResponse response = client.invoke(
                b -> b.functionName("123456789012:function:orders").invocationType(InvocationType.DRY_RUN));

        assertEquals(204, response.statusCode());
        ReceivedInvocation call = lambda.invocations().get(0);
        assertEquals(List.of("orders", "DryRun"), List.of(call.function(), call.invocationType()));
    }

    @Test
    void unqualifiedCallsRunLatest() {
        InvokeResponse response = client.invoke(b -> b.functionName("orders").payload(SdkBytes.fromUtf8String("{}")));

        assertEquals("$LATEST", response.executedVersion());
        assertEquals(null, lambda.invocations().get(0).qualifier());
    }
}
