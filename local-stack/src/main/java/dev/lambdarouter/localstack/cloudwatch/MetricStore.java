package dev.lambdarouter.localstack.cloudwatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The local CloudWatch's datapoints, in memory: one series per metric (namespace, name and dimensions, which
 * CloudWatch matches exactly), each sample a list of values with their counts or a statistic set, and the
 * statistics {@code GetMetricData} asks for, per period bucket. A series keeps its newest {@value #MAX_SAMPLES}
 * samples. Thread-safe.
 */
public final class MetricStore {

    static final int MAX_SAMPLES = 100_000;
    static final String STATISTICS = "Sum, SampleCount, Average, Minimum, Maximum, pNN or pNN.N (0-100)";
    private static final Pattern PERCENTILE = Pattern.compile("p(100|\\d{1,2}(\\.\\d+)?)");

    private final Map<Metric, ArrayDeque<Sample>> series = new HashMap<>();

    /** A metric as CloudWatch identifies it. */
    record Metric(String namespace, String name, SortedMap<String, String> dimensions) {
        Metric {
            dimensions = new TreeMap<>(dimensions);
        }
    }

    /** One value, seen {@code count} times. */
    record Weighted(double value, double count) {}

    /** A datapoint: its values (none for a statistic set) and their statistics. */
    record Sample(long epochMillis, double sampleCount, double sum, double min, double max, List<Weighted> values) {

        static Sample of(long epochMillis, List<Weighted> values) {
            double count = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Weighted w : values) {
                count += w.count();
                sum += w.value() * w.count();
                min = Math.min(min, w.value());
                max = Math.max(max, w.value());
            }
            return new Sample(epochMillis, count, sum, min, max, List.copyOf(values));
        }
    }

    synchronized void add(Metric metric, Sample sample) {
        ArrayDeque<Sample> samples = series.computeIfAbsent(metric, m -> new ArrayDeque<>());
        samples.addLast(sample);
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
    }

    static boolean knows(String statistic) {
        return List.of("Sum", "SampleCount", "Average", "Minimum", "Maximum").contains(statistic)
                || PERCENTILE.matcher(statistic).matches();
    }

    /**
     * {@code statistic} of {@code metric} over the samples from {@code startMillis} (inclusive) to {@code endMillis}
     * (exclusive), in buckets of {@code periodMillis} counted from {@code startMillis}: bucket start to value, for
     * each bucket with samples (a percentile counts only samples that carry values).
     */
    synchronized NavigableMap<Long, Double> statistics(
            Metric metric, long startMillis, long endMillis, long periodMillis, String statistic) {
        SortedMap<Long, List<Sample>> buckets = new TreeMap<>();
        for (Sample s : series.getOrDefault(metric, new ArrayDeque<>())) {
            if (s.epochMillis() >= startMillis && s.epochMillis() < endMillis) {
                long bucket = startMillis + (s.epochMillis() - startMillis) / periodMillis * periodMillis;
                buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(s);
            }
        }
        NavigableMap<Long, Double> out = new TreeMap<>();
        buckets.forEach((bucket, samples) -> {
            Double value = statistic(samples, statistic);
            if (value != null) {
                out.put(bucket, value);
            }
        });
        return out;
    }

    private static Double statistic(List<Sample> samples, String statistic) {
        double count = samples.stream().mapToDouble(Sample::sampleCount).sum();
        double sum = samples.stream().mapToDouble(Sample::sum).sum();
        return switch (statistic) {
            case "Sum" -> sum;
            case "SampleCount" -> count;
            case "Average" -> count == 0 ? null : sum / count;
            case "Minimum" -> samples.stream().mapToDouble(Sample::min).min().orElseThrow();
            case "Maximum" -> samples.stream().mapToDouble(Sample::max).max().orElseThrow();
            default -> percentile(samples, Double.parseDouble(statistic.substring(1)));
        };
    }

    /** The nearest-rank percentile of the samples' values, weighted by their counts. */
    private static Double percentile(List<Sample> samples, double percent) {
        List<Weighted> values = samples.stream()
                .flatMap(s -> s.values().stream())
                .sorted(Comparator.comparingDouble(Weighted::value))
                .toList();
        double rank = Math.ceil(
                percent / 100 * values.stream().mapToDouble(Weighted::count).sum());
        double seen = 0;
        for (Weighted w : values) {
            seen += w.count();
            if (seen >= rank) {
                return w.value();
            }
        }
        return values.isEmpty() ? null : values.get(values.size() - 1).value();
    }
}
