package io.leadrouter.lifecycle;

import io.leadrouter.domain.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** SLA arithmetic in working time, with fixed instants: the 17:55 example, weekends, holidays, DST. */
class BusinessClockTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Map<DayOfWeek, List<TimeRange>> weekdays(String from, String to) {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.put(d, List.of(new TimeRange(LocalTime.parse(from), LocalTime.parse(to))));
        }
        return hours;
    }

    static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN).toInstant();
    }

    final BusinessClock nineToSix = new BusinessClock(BERLIN, weekdays("09:00", "18:00"), d -> false);

    @Test
    void assignedAt1755WithFifteenMinutesIsDueAt0910TheNextWorkingDay() {
        // Wednesday 2 December 2026.
        assertEquals(berlin("2026-12-03T09:10"), nineToSix.due(berlin("2026-12-02T17:55"), Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(15), nineToSix.between(berlin("2026-12-02T17:55"), berlin("2026-12-03T09:10")));
    }

    @Test
    void aWeekendIsSkipped() {
        // Friday 17:55 -> Monday 09:10.
        assertEquals(berlin("2026-12-07T09:10"), nineToSix.due(berlin("2026-12-04T17:55"), Duration.ofMinutes(15)));
        // Assigned on Saturday: counted from Monday 09:00.
        assertEquals(berlin("2026-12-07T09:15"), nineToSix.due(berlin("2026-12-05T11:00"), Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(5), nineToSix.between(berlin("2026-12-05T11:00"), berlin("2026-12-07T09:05")));
    }

    @Test
    void aHolidayIsSkipped() {
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2026-12-25"));
        BusinessClock clock = new BusinessClock(BERLIN, weekdays("09:00", "18:00"), holidays::contains);
        // Thursday 24 December 17:55; Friday 25th is a holiday, then the weekend: Monday 28th 09:10.
        assertEquals(berlin("2026-12-28T09:10"), clock.due(berlin("2026-12-24T17:55"), Duration.ofMinutes(15)));
        // Without the holiday it would have been Friday.
        assertEquals(berlin("2026-12-25T09:10"), nineToSix.due(berlin("2026-12-24T17:55"), Duration.ofMinutes(15)));
    }

    @Test
    void aDstChangeOverTheWeekendKeepsTheLocalTime() {
        // Friday 23 October 2026 17:55 CEST (UTC+2); clocks go back on Sunday the 25th; Monday 09:10 is CET (UTC+1).
        Instant due = nineToSix.due(berlin("2026-10-23T17:55"), Duration.ofMinutes(15));
        assertEquals(Instant.parse("2026-10-26T08:10:00Z"), due);
        assertEquals(berlin("2026-10-26T09:10"), due);
    }

    @Test
    void aSpanAcrossTheSpringForwardGapHasAnHourLess() {
        // Working hours Sunday 00:00-06:00; on 29 March 2026 02:00 jumps to 03:00: five real hours that day.
        BusinessClock sundayNights = new BusinessClock(BERLIN,
                Map.of(DayOfWeek.SUNDAY, List.of(new TimeRange(LocalTime.parse("00:00"), LocalTime.parse("06:00")))),
                d -> false);
        Instant start = berlin("2026-03-29T00:00");
        assertEquals(berlin("2026-03-29T06:00"), sundayNights.due(start, Duration.ofHours(5)));
        assertEquals(Instant.parse("2026-03-29T04:00:00Z"), sundayNights.due(start, Duration.ofHours(5)));
        // Half an hour more does not fit: it is due half an hour into the next Sunday (CEST by then).
        assertEquals(Instant.parse("2026-04-04T22:30:00Z"), sundayNights.due(start, Duration.ofMinutes(330)));
        assertEquals(Duration.ofHours(5), sundayNights.between(start, berlin("2026-03-29T23:00")));
    }

    @Test
    void startsBeforeHoursAndSplitSpansCount() {
        assertEquals(berlin("2026-12-02T09:15"), nineToSix.due(berlin("2026-12-02T07:00"), Duration.ofMinutes(15)));
        Map<DayOfWeek, List<TimeRange>> split = new EnumMap<>(DayOfWeek.class);
        split.put(DayOfWeek.WEDNESDAY, List.of(new TimeRange(LocalTime.parse("13:00"), LocalTime.parse("17:00")),
                new TimeRange(LocalTime.parse("09:00"), LocalTime.parse("12:00"))));
        BusinessClock lunchBreak = new BusinessClock(BERLIN, split, d -> false);
        assertEquals(berlin("2026-12-02T13:20"), lunchBreak.due(berlin("2026-12-02T11:50"), Duration.ofMinutes(30)));
        assertEquals(Duration.ofMinutes(30), lunchBreak.between(berlin("2026-12-02T11:50"), berlin("2026-12-02T13:20")));
    }

    @Test
    void withoutWorkingHoursEveryHourCountsButHolidaysDoNot() {
        ZoneId utc = ZoneId.of("UTC");
        BusinessClock anyTime = new BusinessClock(utc, Map.of(), d -> d.equals(LocalDate.parse("2026-12-25")));
        assertEquals(Instant.parse("2026-12-02T18:10:00Z"), anyTime.due(Instant.parse("2026-12-02T17:55:00Z"),
                Duration.ofMinutes(15)));
        // 10 minutes left on the 24th, the 25th is a holiday, 5 more on the 26th.
        assertEquals(Instant.parse("2026-12-26T00:05:00Z"), anyTime.due(Instant.parse("2026-12-24T23:50:00Z"),
                Duration.ofMinutes(15)));
    }

    @Test
    void noWorkingTimeAtAllIsNoDeadline() {
        BusinessClock never = new BusinessClock(BERLIN, weekdays("09:00", "18:00"), d -> true);
        assertNull(never.due(berlin("2026-12-02T10:00"), Duration.ofMinutes(15)));
        assertEquals(Duration.ZERO, never.between(berlin("2026-12-02T10:00"), berlin("2026-12-03T10:00")));
    }
}
