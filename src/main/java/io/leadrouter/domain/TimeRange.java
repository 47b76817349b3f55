package io.leadrouter.domain;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A span of working time within one day, in the rep's time zone: from inclusive, to exclusive.
 *
 * @param from when it starts ({@code "09:00"})
 * @param to   when it ends ({@code "17:00"}); after {@code from}
 */
public record TimeRange(LocalTime from, LocalTime to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    public boolean overlaps(TimeRange other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
