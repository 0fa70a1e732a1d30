package dev.lambdarouter.rollout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Reads the router's per-target metrics for a rollout's current step with one {@code GetMetricData} call: the
 * canary's {@code Requests} (Sum), {@code Status5xx} (Sum) and {@code Latency} (p99), and each baseline target's
 * {@code Requests} (Sum) and {@code Latency} (p99), all with the dimensions {@code Service, Route, Target}.
 *
 * <p>The window starts at the first whole minute after the step started (CloudWatch keeps these metrics per minute,
 * and the minute the step started in also holds requests from before it — the previous step's, or a previous
 * rollout's canary) and is one period long: the time since then rounded up to whole minutes, so each query answers
 * one datapoint. Until that minute has begun the window is empty and nothing is asked. Should CloudWatch answer
 * several datapoints, the sums are added and the highest p99 is taken.
 */
final class CanaryMetrics {

    static final String REQUESTS = "Requests";
    static final String STATUS_5XX = "Status5xx";
    static final String LATENCY = "Latency";
    private static final String SUM = "Sum";
    private static final String P99 = "p99";

    private final CloudWatchClient cloudWatch;
    private final String namespace;
    private final String service;

    CanaryMetrics(CloudWatchClient cloudWatch, String namespace, String service) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
    }

    Observation observe(String route, String canary, List<String> baselineTargets, Instant stepStartedAt, Instant now) {
        Instant start = firstWholeMinute(stepStartedAt);
        if (!now.isAfter(start)) {
            List<TargetSample> none = new ArrayList<>();
            baselineTargets.forEach(target -> none.add(new TargetSample(target, 0, null)));
            return new Observation(start, start, 0, 0, null, none);
        }
        long seconds = Math.max(Duration.between(start, now).toSeconds(), 1);
        int period = (int) Math.min(((seconds + 59) / 60) * 60, Integer.MAX_VALUE / 60 * 60);
        Instant end = start.plusSeconds(period);

        List<MetricDataQuery> queries = new ArrayList<>();
        queries.add(query("cr", route, canary, REQUESTS, SUM, period));
        queries.add(query("ce", route, canary, STATUS_5XX, SUM, period));
        queries.add(query("cl", route, canary, LATENCY, P99, period));
        for (int i = 0; i < baselineTargets.size(); i++) {
            queries.add(query("br" + i, route, baselineTargets.get(i), REQUESTS, SUM, period));
            queries.add(query("bl" + i, route, baselineTargets.get(i), LATENCY, P99, period));
        }

        Map<String, List<Double>> values = new HashMap<>();
        String nextToken = null;
        do {
            GetMetricDataResponse response = cloudWatch.getMetricData(GetMetricDataRequest.builder()
                    .metricDataQueries(queries)
                    .startTime(start)
                    .endTime(end)
                    .nextToken(nextToken)
                    .build());
            for (MetricDataResult result : response.metricDataResults()) {
                values.computeIfAbsent(result.id(), id -> new ArrayList<>()).addAll(result.values());
            }
            nextToken = response.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());

        List<TargetSample> baseline = new ArrayList<>();
        for (int i = 0; i < baselineTargets.size(); i++) {
            baseline.add(new TargetSample(
                    baselineTargets.get(i), count(values.get("br" + i)), highest(values.get("bl" + i))));
        }
        return new Observation(
                start, end, count(values.get("cr")), count(values.get("ce")), highest(values.get("cl")), baseline);
    }

    /** The step's start when it is a whole minute, else the next whole minute. */
    static Instant firstWholeMinute(Instant stepStartedAt) {
        Instant minute = stepStartedAt.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(stepStartedAt) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    }

    private MetricDataQuery query(String id, String route, String target, String metric, String stat, int period) {
        return MetricDataQuery.builder()
                .id(id)
                .returnData(true)
                .metricStat(MetricStat.builder()
                        .metric(Metric.builder()
                                .namespace(namespace)
                                .metricName(metric)
                                .dimensions(
                                        dimension("Service", service),
                                        dimension("Route", route),
                                        dimension("Target", target))
                                .build())
                        .period(period)
                        .stat(stat)
                        .build())
                .build();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private static long count(List<Double> values) {
        if (values == null) {
            return 0;
        }
        double sum = 0;
        for (Double value : values) {
            if (value != null) {
                sum += value;
            }
        }
        return Math.round(sum);
    }

    private static Double highest(List<Double> values) {
        Double highest = null;
        if (values != null) {
            for (Double value : values) {
                if (value != null && (highest == null || value > highest)) {
                    highest = value;
                }
            }
        }
        return highest;
    }
}
