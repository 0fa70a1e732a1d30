package dev.lambdarouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.testsupport.MotoServer;
import dev.lambdarouter.workers.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The router's IAM policy in {@code template.yaml} grants exactly the Parameter Store actions the router calls:
 * the router is run against moto with the template's seeded parameters, every SSM operation it makes is recorded,
 * and the set is compared with the policy's {@code ssm:*} actions.
 */
class RouterPermissionsTest {

    private static final String STAGE = "dev";

    @Test
    void templateGrantsExactlyTheParameterStoreActionsTheRouterCalls() throws Exception {
        Path template = TemplateParameters.projectRoot().resolve("template.yaml");
        Set<String> called = new ConcurrentSkipListSet<>();
        try (MotoServer moto = MotoServer.start();
                SsmClient seeding = moto.ssmClient();
                SsmClient recorded = recordingClient(moto, called);
                FakeLambdaServer lambda = new FakeLambdaServer().start();
                LambdaClient lambdaClient = lambda.sdkClient()) {
            TemplateParameters.read(template, STAGE)
                    .forEach((name, value) ->
                            seeding.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING)));
            RouterHandler router = new RouterHandler(
                    RouterSettings.from(Map.of("ROUTER_CONFIG_PREFIX", "/lambda-router/" + STAGE)),
                    recorded,
                    lambdaClient);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            router.handleRequest(
                    new ByteArrayInputStream(
                            Files.readAllBytes(TemplateParameters.projectRoot().resolve("events/health.json"))),
                    out,
                    new TestContext());
            assertEquals(
                    200,
                    new ObjectMapper()
                            .readTree(out.toByteArray())
                            .get("statusCode")
                            .asInt(),
                    "the router loaded the seeded table: " + out);
        }

        Set<String> needed = new TreeSet<>();
        called.forEach(operation -> needed.add("ssm:" + operation));
        assertEquals(needed, grantedSsmActions(template), "RouterFunction's ssm:* actions vs the calls it makes");
    }

    private static SsmClient recordingClient(MotoServer moto, Set<String> operations) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        return SsmClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
    }

    private static Set<String> grantedSsmActions(Path template) throws Exception {
        JsonNode policies = new ObjectMapper(new YAMLFactory())
                .readTree(template.toFile())
                .path("Resources")
                .path("RouterFunction")
                .path("Properties")
                .path("Policies");
        Set<String> actions = new TreeSet<>();
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode action = statement.path("Action");
                for (JsonNode one : action.isArray()
                        ? action
                        : new ObjectMapper().createArrayNode().add(action)) {
                    if (one.asText().startsWith("ssm:")) {
                        actions.add(one.asText());
                    }
                }
            }
        }
        return actions;
    }
}
