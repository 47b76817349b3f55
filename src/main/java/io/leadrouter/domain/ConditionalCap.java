package io.leadrouter.domain;

import java.util.Objects;

/**
 * A cap that only counts leads of one segment: "at most 3 ENTERPRISE leads a day". Counted, like the plain caps, in
 * the rep's time zone, over every pool.
 *
 * @param segment the segment counted
 * @param per     the window: {@code DAY} (the rep's calendar day) or {@code WEEK} (Monday to Sunday)
 * @param limit   the most leads of that segment in the window
 */
public record ConditionalCap(Segment segment, Window per, int limit) {

    public enum Window { DAY, WEEK }

    public ConditionalCap {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(per, "per");
    }
}
