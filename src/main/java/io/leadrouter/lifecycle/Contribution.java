package io.leadrouter.lifecycle;

import java.math.BigDecimal;

/**
 * What one assignment (for its rep) or one lead (for its rule) adds to the performance counters of the day it was
 * assigned. A change to the outcome adds {@code after.minus(before)}, so counters stay exact whatever order events
 * arrive in, and a duplicate changes nothing.
 *
 * @param touchBucket index into {@link TouchBuckets}, or -1 when not touched
 */
record Contribution(long assigned, long touched, long touchSeconds, int touchBucket, long breaches, long qualified,
                    long disqualified, long converted, BigDecimal won) {

    static final Contribution NONE = new Contribution(0, 0, 0, -1, 0, 0, 0, 0, BigDecimal.ZERO);

    static Contribution of(Long firstTouchSeconds, long breaches, boolean qualified, boolean disqualified,
                           boolean converted, BigDecimal won) {
        boolean touched = firstTouchSeconds != null;
        return new Contribution(1, touched ? 1 : 0, touched ? firstTouchSeconds : 0,
                touched ? TouchBuckets.bucketOf(firstTouchSeconds) : -1, breaches, qualified ? 1 : 0,
                disqualified ? 1 : 0, converted ? 1 : 0, won == null ? BigDecimal.ZERO : won);
    }

    /** The counter increments turning {@code before} into this. */
    Delta minus(Contribution before) {
        long[] buckets = new long[TouchBuckets.COUNT];
        if (touchBucket >= 0) {
            buckets[touchBucket]++;
        }
        if (before.touchBucket >= 0) {
            buckets[before.touchBucket]--;
        }
        return new Delta(assigned - before.assigned, touched - before.touched, touchSeconds - before.touchSeconds,
                breaches - before.breaches, qualified - before.qualified, disqualified - before.disqualified,
                converted - before.converted, won.subtract(before.won), buckets);
    }

    /** Increments to add to a counter row. */
    record Delta(long assigned, long touched, long touchSeconds, long breaches, long qualified, long disqualified,
                 long converted, BigDecimal won, long[] buckets) {

        Delta plus(Delta other) {
            long[] sum = new long[TouchBuckets.COUNT];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = buckets[i] + other.buckets[i];
            }
            return new Delta(assigned + other.assigned, touched + other.touched, touchSeconds + other.touchSeconds,
                    breaches + other.breaches, qualified + other.qualified, disqualified + other.disqualified,
                    converted + other.converted, won.add(other.won), sum);
        }

        boolean isZero() {
            if (assigned != 0 || touched != 0 || touchSeconds != 0 || breaches != 0 || qualified != 0
                    || disqualified != 0 || converted != 0 || won.signum() != 0) {
                return false;
            }
            for (long b : buckets) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
