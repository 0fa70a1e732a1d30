package dev.lambdarouter.localstack.cloudwatch;

import static dev.lambdarouter.localstack.cloudwatch.CloudWatchError.invalid;
import static dev.lambdarouter.localstack.cloudwatch.CloudWatchError.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.localstack.cloudwatch.MetricStore.Metric;
import dev.lambdarouter.localstack.cloudwatch.MetricStore.Sample;
import dev.lambdarouter.localstack.cloudwatch.MetricStore.Weighted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code GetMetricData} (MetricStat queries) and {@code PutMetricData} (values, values with counts, statistic sets)
 * over the {@link MetricStore}. Period buckets count from {@code StartTime} rounded down to the minute (to the second
 * for periods below 60 s); a query sees the samples from there until {@code EndTime} (exclusive).
 */
final class MetricRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetricRequests() {}

    static ObjectNode getMetricData(JsonNode request, MetricStore store) {
        long start = CborTimestamp.epochMillis(required(request, "StartTime", "GetMetricData"), "StartTime");
        long end = CborTimestamp.epochMillis(required(request, "EndTime", "GetMetricData"), "EndTime");
        if (end <= start) {
            throw invalid("The parameter EndTime must be greater than StartTime.");
        }
        boolean ascending = request.path("ScanBy").asText("TimestampDescending").equals("TimestampAscending");
        ArrayNode results = NODES.arrayNode();
        for (JsonNode query : required(request, "MetricDataQueries", "GetMetricData")) {
            String id = required(query, "Id", "MetricDataQuery").asText();
            if (query.has("Expression")) {
                throw invalid("query " + id + ": metric math (Expression " + query.get("Expression")
                        + ") is not emulated by the local stack; only MetricStat queries are");
            }
            JsonNode stat = required(query, "MetricStat", "query " + id);
            JsonNode metric = required(stat, "Metric", "query " + id + " MetricStat");
            String statistic =
                    required(stat, "Stat", "query " + id + " MetricStat").asText();
            if (!MetricStore.knows(statistic)) {
                throw invalid("query " + id + ": the local stack does not compute the statistic '" + statistic
                        + "' (it computes " + MetricStore.STATISTICS + ")");
            }
            long period =
                    required(stat, "Period", "query " + id + " MetricStat").asLong();
            if (period <= 0
                    || (period >= 60
                            ? period % 60 != 0
                            : !List.of(1L, 5L, 10L, 20L, 30L).contains(period))) {
                throw invalid("query " + id + ": Period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, got "
                        + stat.get("Period"));
            }
            if (!query.path("ReturnData").asBoolean(true)) {
                continue;
            }
            long origin = start - Math.floorMod(start, period < 60 ? 1000 : 60_000);
            NavigableMap<Long, Double> points = store.statistics(
                    metric(metric, metric.path("Namespace").asText(), "query " + id),
                    origin,
                    end,
                    period * 1000,
                    statistic);
            ObjectNode result = results.addObject()
                    .put("Id", id)
                    .put(
                            "Label",
                            query.path("Label").asText(metric.path("MetricName").asText()));
            ArrayNode timestamps = result.putArray("Timestamps");
            ArrayNode values = result.putArray("Values");
            (ascending ? points : points.descendingMap()).forEach((at, value) -> {
                timestamps.addPOJO(new CborTimestamp(at));
                values.add(value);
            });
            result.put("StatusCode", "Complete");
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("MetricDataResults", results);
        answer.putArray("Messages");
        return answer;
    }

    static ObjectNode putMetricData(JsonNode request, MetricStore store) {
        String namespace = required(request, "Namespace", "PutMetricData").asText();
        List<Map.Entry<Metric, Sample>> samples = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (JsonNode datum : required(request, "MetricData", "PutMetricData")) {
            Metric metric = metric(datum, namespace, "MetricData");
            long at = datum.has("Timestamp") ? CborTimestamp.epochMillis(datum.get("Timestamp"), "Timestamp") : now;
            JsonNode set = datum.path("StatisticValues");
            if (set.isObject()) {
                samples.add(Map.entry(
                        metric,
                        new Sample(
                                at,
                                required(set, "SampleCount", "StatisticValues").asDouble(),
                                required(set, "Sum", "StatisticValues").asDouble(),
                                required(set, "Minimum", "StatisticValues").asDouble(),
                                required(set, "Maximum", "StatisticValues").asDouble(),
                                List.of())));
                continue;
            }
            JsonNode values = datum.has("Values")
                    ? datum.get("Values")
                    : NODES.arrayNode().add(datum.path("Value"));
            JsonNode counts = datum.path("Counts");
            if (values.isEmpty()
                    || !values.get(0).isNumber()
                    || (!counts.isEmpty() && counts.size() != values.size())) {
                throw invalid("MetricData " + metric.name() + ": give Value, Values (with as many Counts, if any)"
                        + " or StatisticValues");
            }
            List<Weighted> weighted = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                weighted.add(new Weighted(
                        values.get(i).asDouble(),
                        counts.isEmpty() ? 1 : counts.get(i).asDouble()));
            }
            samples.add(Map.entry(metric, Sample.of(at, weighted)));
        }
        samples.forEach(e -> store.add(e.getKey(), e.getValue()));
        return NODES.objectNode();
    }

    /** {@code MetricName} and {@code Dimensions} ({@code [{Name, Value}]}) of a metric or datum. */
    private static Metric metric(JsonNode node, String namespace, String where) {
        SortedMap<String, String> dimensions = new TreeMap<>();
        for (JsonNode d : node.path("Dimensions")) {
            dimensions.put(
                    required(d, "Name", where).asText(),
                    required(d, "Value", where).asText());
        }
        return new Metric(namespace, required(node, "MetricName", where).asText(), dimensions);
    }
}
