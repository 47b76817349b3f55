package io.leadrouter.distribution;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each exclusion reason, on a fixed clock: Monday 2026-03-02 10:30 in Berlin (09:30 UTC). */
class EligibilityTest {

    static final Instant MONDAY_1030_BERLIN = Instant.parse("2026-03-02T09:30:00Z");

    static Rep rep() {
        Rep r = new Rep();
        r.setId("anna");
        r.setName("Anna");
        r.setTimeZone("Europe/Berlin");
        return r;
    }

    static Optional<String> check(Rep rep) {
        return check(rep, Usage.NONE, null);
    }

    static Optional<String> check(Rep rep, Usage usage, Tier tier) {
        return Eligibility.exclusion(rep, tier, Segment.ENTERPRISE, usage, MONDAY_1030_BERLIN,
                Map.of("DE-BY", Set.of(LocalDate.of(2026, 3, 2))));
    }

    @Test
    void anAvailableRepIsEligible() {
        assertEquals(Optional.empty(), check(rep()));
    }

    @Test
    void inactive() {
        Rep r = rep();
        r.setActive(false);
        assertEquals(Optional.of("inactive"), check(r));
    }

    @Test
    void away() {
        Rep r = rep();
        r.setAvailability(Availability.AWAY);
        assertEquals(Optional.of("away"), check(r));
    }

    @Test
    void outOfOfficeUntilADateIncludingThatDayThenBackAutomatically() {
        Rep r = rep();
        r.setAvailability(Availability.OUT_OF_OFFICE);
        assertEquals(Optional.of("out of office"), check(r));
        r.setOutOfOfficeUntil(LocalDate.of(2026, 3, 2));
        assertEquals(Optional.of("out of office until 2026-03-02"), check(r));
        r.setOutOfOfficeUntil(LocalDate.of(2026, 3, 1));
        assertEquals(Optional.empty(), check(r));
        // A scheduled absence counts even while the status still says available.
        r.setAvailability(Availability.AVAILABLE);
        r.setOutOfOfficeUntil(LocalDate.of(2026, 3, 6));
        assertEquals(Optional.of("out of office until 2026-03-06"), check(r));
    }

    @Test
    void holidayInTheRepsRegion() {
        Rep r = rep();
        r.setHolidayRegion("de-by");
        assertEquals(Optional.of("holiday in DE-BY on 2026-03-02"), check(r));
        r.setHolidayRegion("DE-BE");
        assertEquals(Optional.empty(), check(r));
    }

    @Test
    void outsideWorkingHoursInTheRepsTimeZone() {
        Rep r = rep();
        r.setWorkingHours(Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(LocalTime.of(11, 0), LocalTime.of(17, 0)))));
        assertEquals(Optional.of("outside working hours (MONDAY 10:30 Europe/Berlin)"), check(r));
        r.setWorkingHours(Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(LocalTime.of(10, 0), LocalTime.of(17, 0)))));
        assertEquals(Optional.empty(), check(r));
        r.setWorkingHours(Map.of(DayOfWeek.TUESDAY, List.of(new TimeRange(LocalTime.of(0, 0), LocalTime.of(23, 0)))));
        assertEquals(Optional.of("outside working hours (MONDAY 10:30 Europe/Berlin)"), check(r));
    }

    @Test
    void atCapacity() {
        Rep r = rep();
        r.setCapacity(3);
        r.setOpenLeads(3);
        assertEquals(Optional.of("at capacity (3/3 open leads)"), check(r));
    }

    @Test
    void atDailyWeeklyAndConditionalCaps() {
        Rep r = rep();
        r.setDailyCap(5);
        r.setWeeklyCap(20);
        r.setConditionalCaps(List.of(new ConditionalCap(Segment.ENTERPRISE, ConditionalCap.Window.DAY, 2)));
        assertEquals(Optional.of("at daily cap (5/5 leads today)"), check(r, new Usage(5, 9, 0, 0), null));
        assertEquals(Optional.of("at weekly cap (20/20 leads this week)"), check(r, new Usage(1, 20, 0, 0), null));
        assertEquals(Optional.of("at conditional cap (2/2 ENTERPRISE leads today)"), check(r, new Usage(2, 2, 2, 2), null));
        assertEquals(Optional.empty(), check(r, new Usage(4, 19, 1, 7), null));
    }

    @Test
    void belowTier() {
        Rep r = rep();
        r.setTier(Tier.JUNIOR);
        assertEquals(Optional.of("tier JUNIOR is below the required SENIOR"), check(r, Usage.NONE, Tier.SENIOR));
    }

    @Test
    void capWindowsStartAtTheRepsLocalMidnightAndMonday() {
        Rep r = rep();
        assertEquals(Instant.parse("2026-03-01T23:00:00Z"), Eligibility.startOfDay(r, MONDAY_1030_BERLIN));
        assertEquals(Instant.parse("2026-03-01T23:00:00Z"), Eligibility.startOfWeek(r, MONDAY_1030_BERLIN));
        r.setTimeZone("America/Los_Angeles");
        Instant mondayMorningUtc = Instant.parse("2026-03-02T07:30:00Z"); // still Sunday 23:30 in Los Angeles
        assertEquals(Instant.parse("2026-03-01T08:00:00Z"), Eligibility.startOfDay(r, mondayMorningUtc));
        assertEquals(Instant.parse("2026-02-23T08:00:00Z"), Eligibility.startOfWeek(r, mondayMorningUtc));
    }
}
