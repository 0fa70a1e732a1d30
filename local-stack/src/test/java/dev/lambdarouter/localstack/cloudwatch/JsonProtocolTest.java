package dev.lambdarouter.localstack.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS JSON 1.0 protocol the AWS CLI picks for CloudWatch ({@code X-Amz-Target:
 * GraniteServiceVersion20100801.<Operation>}), as botocore sends it: the same operations, timestamps as epoch seconds.
 */
class JsonProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final RunningCloudWatch cloudWatch = new RunningCloudWatch();

    private HttpResponse<String> call(String operation, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(cloudWatch.endpoint().resolve("/"))
                        .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("x-amzn-query-mode", "true")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void putAndGetInJson() throws Exception {
        assertEquals(200, call("PutMetricData", """
                        {"Namespace":"Demo","MetricData":[{"MetricName":"X","Timestamp":1796205630.5,"Value":3},
                         {"MetricName":"X","Timestamp":1796205640,"Value":5}]}""").statusCode());
        HttpResponse<String> got = call("GetMetricData", """
                {"StartTime":1796205600,"EndTime":1796205700,"MetricDataQueries":[{"Id":"x",
                 "MetricStat":{"Metric":{"Namespace":"Demo","MetricName":"X"},"Period":60,"Stat":"Sum"}}]}""");
        assertEquals(
                "application/x-amz-json-1.0",
                got.headers().firstValue("Content-Type").orElseThrow());
        JsonNode result = JSON.readTree(got.body()).get("MetricDataResults").get(0);
        assertEquals("[1796205600]", result.get("Timestamps").toString());
        assertEquals("[8.0]", result.get("Values").toString());
    }

    @Test
    void errorsCarryTheirTypeInJson() throws Exception {
        HttpResponse<String> answer = call("DeleteAlarms", "{\"AlarmNames\":[\"router-5xx\"]}");
        assertEquals(400, answer.statusCode());
        assertEquals(
                "UnknownOperationException",
                JSON.readTree(answer.body()).get("__type").asText());
    }
}
