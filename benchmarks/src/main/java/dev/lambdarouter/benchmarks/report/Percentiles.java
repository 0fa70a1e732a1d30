package dev.lambdarouter.benchmarks.report;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {

    private Percentiles() {}

    /** The {@code p}-th percentile (0 < p ≤ 100) of {@code values} by nearest rank; sorts a copy. */
    public static long of(long[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static long of(List<Long> values, double p) {
        return of(values.stream().mapToLong(Long::longValue).toArray(), p);
    }
}
