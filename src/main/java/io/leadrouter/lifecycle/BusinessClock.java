package io.leadrouter.lifecycle;

import io.leadrouter.domain.TimeRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Time counted in a rep's working hours: when an SLA of working time started at some instant is due, and how much
 * working time lies between two instants. Pure (the hours, zone and holidays are passed in), tested with fixed times.
 *
 * <p>Working time is the rep's spans ({@link TimeRange}, local time in the rep's zone, from inclusive, to exclusive)
 * on days that are not holidays; no working hours means every hour of every day that is not a holiday. Spans are
 * turned into instants day by day, so a DST change is counted as it happens: a span across the spring-forward gap
 * has an hour less, and a deadline after the change lands at the right local time.
 */
public final class BusinessClock {

    /** How far ahead a deadline is looked for before giving up (a roster with no working time at all). */
    static final int MAX_DAYS = 3660;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<TimeRange>> hours;
    private final Predicate<LocalDate> holiday;

    /**
     * @param hours   the rep's working hours; empty means any time
     * @param holiday true for the rep's holidays (no working time that day)
     */
    public BusinessClock(ZoneId zone, Map<DayOfWeek, List<TimeRange>> hours, Predicate<LocalDate> holiday) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hours = hours == null ? Map.of() : hours;
        this.holiday = holiday == null ? d -> false : holiday;
    }

    /**
     * When {@code work} of working time, starting at {@code start}, is used up. A start outside working hours
     * counts from the next working span. Answers null when no working time is found within {@link #MAX_DAYS}.
     */
    public Instant due(Instant start, Duration work) {
        if (work.isNegative()) {
            throw new IllegalArgumentException("work must not be negative");
        }
        Duration left = work;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] span : spans(day)) {
                Instant from = span[0].isBefore(start) ? start : span[0];
                if (!from.isBefore(span[1])) {
                    continue;
                }
                Duration available = Duration.between(from, span[1]);
                if (left.compareTo(available) <= 0) {
                    // A zero SLA at a moment outside working hours is due when work starts.
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        return null;
    }

    /** Working time between the two instants (zero when {@code end} is not after {@code start}). */
    public Duration between(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate day = start.atZone(zone).toLocalDate();
        LocalDate last = end.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS && !day.isAfter(last); i++, day = day.plusDays(1)) {
            for (Instant[] span : spans(day)) {
                Instant from = span[0].isBefore(start) ? start : span[0];
                Instant to = span[1].isAfter(end) ? end : span[1];
                if (from.isBefore(to)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    /** The day's working spans as instants, in order; none on a holiday. */
    private List<Instant[]> spans(LocalDate day) {
        if (holiday.test(day)) {
            return List.of();
        }
        if (hours.isEmpty()) {
            return List.<Instant[]>of(new Instant[]{day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant()});
        }
        return hours.getOrDefault(day.getDayOfWeek(), List.of()).stream()
                .sorted(Comparator.comparing(TimeRange::from))
                .map(r -> new Instant[]{at(day, r.from()), at(day, r.to())})
                .filter(s -> s[0].isBefore(s[1]))
                .toList();
    }

    /** A local time in a gap (spring forward) is moved later by the gap; in an overlap the earlier offset is used. */
    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }
}
