package io.leadrouter.lifecycle;

import java.time.Duration;

/**
 * Times to first touch are counted in buckets (the counters keep one column per bucket), so medians and percentiles
 * over any window are read from sums rather than from every lead. A percentile is interpolated linearly inside its
 * bucket: exact at the bounds, and never off by more than the bucket's width. Upper bounds in minutes:
 * 1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 240, 480, 960, 1440, 2880, and the open bucket above 2880 (two working days),
 * whose percentiles are answered as 2880.
 */
final class TouchBuckets {

    static final long[] UPPER_MINUTES = {1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 240, 480, 960, 1440, 2880};
    static final int COUNT = UPPER_MINUTES.length + 1;

    private TouchBuckets() {
    }

    /** The bucket of a time to first touch: the first whose upper bound (exclusive of the lower) holds it. */
    static int bucketOf(long seconds) {
        for (int i = 0; i < UPPER_MINUTES.length; i++) {
            if (seconds <= UPPER_MINUTES[i] * 60) {
                return i;
            }
        }
        return COUNT - 1;
    }

    /**
     * The {@code q}-quantile (0.5 median, 0.9 p90) of the counted touches, or null when there are none.
     *
     * @param counts touches per bucket
     */
    static Duration quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] <= 0) {
                continue;
            }
            if (seen + counts[i] >= rank) {
                double lower = i == 0 ? 0 : UPPER_MINUTES[i - 1] * 60.0;
                if (i == COUNT - 1) {
                    return Duration.ofSeconds((long) lower);
                }
                double upper = UPPER_MINUTES[i] * 60.0;
                double within = (rank - seen) / counts[i];
                return Duration.ofSeconds(Math.round(lower + within * (upper - lower)));
            }
            seen += counts[i];
        }
        return Duration.ofMinutes(UPPER_MINUTES[UPPER_MINUTES.length - 1]);
    }
}
