package dev.lambdarouter.localstack.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lambdarouter.localstack.cloudwatch.MetricStore.Metric;
import dev.lambdarouter.localstack.cloudwatch.MetricStore.Sample;
import dev.lambdarouter.localstack.cloudwatch.MetricStore.Weighted;
import dev.lambdarouter.localstack.log.ConsoleLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The functions' console, with what CloudWatch Logs does to embedded-metric-format lines: a line that is a JSON
 * object with {@code _aws.CloudWatchMetrics} becomes samples in the {@link MetricStore} (each metric of each
 * directive, once per dimension set, at {@code _aws.Timestamp}; a metric's value may be an array), then is printed
 * like every other line. A record CloudWatch would reject (a dimension or metric without a value) adds nothing and
 * gets a {@code [cloudwatch]} line saying why.
 */
public record EmfIngestion(ConsoleLog console, MetricStore store) implements ConsoleLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(String line) {
        console.write(line);
    }

    @Override
    public void line(String source, String text) {
        if (text.startsWith("{") && text.contains("\"_aws\"")) {
            try {
                ingest(JSON.readTree(text));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                console.line("cloudwatch", source + ": embedded-metric-format record ignored: " + e.getMessage());
            }
        }
        console.line(source, text);
    }

    private void ingest(JsonNode record) {
        JsonNode aws = record.path("_aws");
        long at = aws.path("Timestamp").isNumber() ? aws.get("Timestamp").asLong() : System.currentTimeMillis();
        List<Map.Entry<Metric, Sample>> samples = new ArrayList<>();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            JsonNode declaredSets = directive.path("Dimensions");
            Iterable<JsonNode> sets =
                    declaredSets.isEmpty() ? List.of(JsonNodeFactory.instance.arrayNode()) : declaredSets;
            for (JsonNode set : sets) {
                SortedMap<String, String> dimensions = new TreeMap<>();
                for (JsonNode key : set) {
                    JsonNode value = record.path(key.asText());
                    if (!value.isValueNode()) {
                        throw new IllegalArgumentException("no value for the dimension " + key);
                    }
                    dimensions.put(key.asText(), value.asText());
                }
                for (JsonNode declared : directive.path("Metrics")) {
                    String name = declared.path("Name").asText();
                    JsonNode values = record.path(name);
                    List<Weighted> weighted = new ArrayList<>();
                    (values.isArray()
                                    ? values
                                    : JsonNodeFactory.instance.arrayNode().add(values))
                            .forEach(v -> weighted.add(new Weighted(v.asDouble(), 1)));
                    if (weighted.isEmpty()
                            || !(values.isNumber() || values.path(0).isNumber())) {
                        throw new IllegalArgumentException("no numeric value for the metric " + name);
                    }
                    samples.add(Map.entry(
                            new Metric(directive.path("Namespace").asText(), name, dimensions),
                            Sample.of(at, weighted)));
                }
            }
        }
        samples.forEach(e -> store.add(e.getKey(), e.getValue()));
    }
}
