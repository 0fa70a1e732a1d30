package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw AWS JSON 1.1 exchange, as the AWS CLI sends it: content type, error headers and bodies, and answers to
 * requests the SDK would never send (unknown operations, malformed JSON, wrong method).
 */
class ParameterStoreWireProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    @TempDir
    Path dir;

    private LocalParameterStore store;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        store = LocalParameterStore.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dir.resolve("state.json"));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private HttpResponse<String> call(String target, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(store.endpoint().resolve("/"))
                .header("Content-Type", AMZ_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void successAnswersAmzJsonWithARequestIdAndNumericDates() throws Exception {
        HttpResponse<String> put =
                call("AmazonSSM.PutParameter", "{\"Name\":\"/wire/p\",\"Value\":\"v\",\"Type\":\"String\"}");
        HttpResponse<String> get = call("AmazonSSM.GetParameter", "{\"Name\":\"/wire/p\"}");

        assertEquals(200, put.statusCode());
        assertEquals(AMZ_JSON, put.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"Version\":1,\"Tier\":\"Standard\"}", put.body());
        assertTrue(get.headers().firstValue("x-amzn-RequestId").isPresent());
        JsonNode parameter = JSON.readTree(get.body()).get("Parameter");
        assertTrue(parameter.get("LastModifiedDate").isNumber(), get.body());
        assertEquals("v", parameter.get("Value").asText());
    }

    @Test
    void errorsCarryTheCodeInHeaderAndBody() throws Exception {
        HttpResponse<String> r = call("AmazonSSM.GetParameter", "{\"Name\":\"/wire/missing\"}");

        assertEquals(400, r.statusCode());
        assertEquals(
                "ParameterNotFound", r.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertEquals(AMZ_JSON, r.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ParameterNotFound", body.get("__type").asText());
        assertTrue(body.get("message").asText().contains("/wire/missing"), r.body());
    }

    @Test
    void anUnknownOperationIsA400NamingTheSupportedOnes() throws Exception {
        HttpResponse<String> r = call("AmazonSSM.LabelParameterVersion", "{}");

        assertEquals(400, r.statusCode());
        assertEquals(
                "UnknownOperationException",
                r.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertTrue(JSON.readTree(r.body()).get("message").asText().contains("GetParametersByPath"), r.body());
    }

    @Test
    void aMissingOrForeignTargetIsA400() throws Exception {
        assertEquals(
                "UnknownOperationException",
                JSON.readTree(call(null, "{}").body()).get("__type").asText());
        assertEquals(
                "UnknownOperationException",
                JSON.readTree(call("Logs_20140328.GetLogEvents", "{}").body())
                        .get("__type")
                        .asText());
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        HttpResponse<String> r = call("AmazonSSM.GetParameter", "{\"Name\":");

        assertEquals(400, r.statusCode());
        assertEquals(
                "SerializationException",
                r.headers().firstValue("x-amzn-ErrorType").orElse(""));
    }

    @Test
    void aMissingRequiredMemberIsAValidationException() throws Exception {
        HttpResponse<String> r = call("AmazonSSM.PutParameter", "{\"Value\":\"v\",\"Type\":\"String\"}");

        assertEquals(400, r.statusCode());
        assertEquals(
                "ValidationException", JSON.readTree(r.body()).get("__type").asText());
    }

    @Test
    void onlyPostIsAccepted() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(store.endpoint().resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, r.statusCode());
        assertEquals(
                "UnknownOperationException",
                r.headers().firstValue("x-amzn-ErrorType").orElse(""));
    }
}
