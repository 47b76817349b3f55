package io.leadrouter.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Percentiles from bucketed first-touch times. */
class TouchBucketsTest {

    @Test
    void bucketsByUpperBound() {
        assertEquals(0, TouchBuckets.bucketOf(0));
        assertEquals(0, TouchBuckets.bucketOf(60));
        assertEquals(1, TouchBuckets.bucketOf(61));
        assertEquals(4, TouchBuckets.bucketOf(15 * 60));
        assertEquals(TouchBuckets.COUNT - 1, TouchBuckets.bucketOf(3 * 24 * 3600));
    }

    @Test
    void medianAndP90AreInterpolatedInsideTheirBucket() {
        long[] counts = new long[TouchBuckets.COUNT];
        counts[TouchBuckets.bucketOf(4 * 60)] = 5;   // (2, 5] min
        counts[TouchBuckets.bucketOf(12 * 60)] = 4;  // (10, 15] min
        counts[TouchBuckets.bucketOf(100 * 60)] = 1; // (60, 120] min
        // Median: the 5th of 10, the top of the (2, 5] bucket.
        assertEquals(Duration.ofMinutes(5), TouchBuckets.quantile(counts, 0.5));
        // p90: the 9th of 10, the top of the (10, 15] bucket.
        assertEquals(Duration.ofMinutes(15), TouchBuckets.quantile(counts, 0.9));
        // p70: the 7th, half-way into (10, 15].
        assertEquals(Duration.ofSeconds(750), TouchBuckets.quantile(counts, 0.7));
        assertNull(TouchBuckets.quantile(new long[TouchBuckets.COUNT], 0.5));
    }
}
