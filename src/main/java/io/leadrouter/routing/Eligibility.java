package io.leadrouter.routing;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.domain.Tier;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a rep can take a lead now, and if not, why. Pure: the time, the rep's counts and the holidays are passed
 * in, so it is tested with a fixed clock. Checked in this order, the first reason wins: inactive, out of office,
 * away, holiday, outside working hours, at capacity, at daily cap, at weekly cap, at conditional cap, below tier.
 */
final class Eligibility {

    private Eligibility() {
    }

    /**
     * @param segment  the routed lead's segment (conditional caps), or null
     * @param usage    the rep's counts in the cap windows
     * @param holidays holiday dates by region code (upper-case)
     */
    static Optional<String> exclusion(Rep rep, Tier minimumTier, Segment segment, Usage usage, Instant now,
                                      Map<String, Set<LocalDate>> holidays) {
        ZonedDateTime local = now.atZone(zoneOf(rep));
        LocalDate today = local.toLocalDate();
        if (!rep.isActive()) {
            return Optional.of("inactive");
        }
        LocalDate until = rep.getOutOfOfficeUntil();
        boolean awayUntilLater = until != null && !today.isAfter(until);
        if (rep.getAvailability() == Availability.OUT_OF_OFFICE && (until == null || awayUntilLater)) {
            return Optional.of(until == null ? "out of office" : "out of office until " + until);
        }
        if (awayUntilLater) {
            return Optional.of("out of office until " + until);
        }
        if (rep.getAvailability() == Availability.AWAY) {
            return Optional.of("away");
        }
        if (rep.getHolidayRegion() != null) {
            String region = rep.getHolidayRegion().toUpperCase(Locale.ROOT);
            if (holidays.getOrDefault(region, Set.of()).contains(today)) {
                return Optional.of("holiday in " + region + " on " + today);
            }
        }
        Map<DayOfWeek, List<TimeRange>> hours = rep.getWorkingHours();
        if (!hours.isEmpty() && hours.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .noneMatch(r -> r.contains(local.toLocalTime()))) {
            return Optional.of("outside working hours (" + local.getDayOfWeek() + " "
                    + local.toLocalTime().withSecond(0).withNano(0) + " " + zoneOf(rep).getId() + ")");
        }
        if (rep.isAtCapacity()) {
            return Optional.of("at capacity (" + rep.getOpenLeads() + "/" + rep.getCapacity() + " open leads)");
        }
        if (rep.getDailyCap() > 0 && usage.today() >= rep.getDailyCap()) {
            return Optional.of("at daily cap (" + usage.today() + "/" + rep.getDailyCap() + " leads today)");
        }
        if (rep.getWeeklyCap() > 0 && usage.thisWeek() >= rep.getWeeklyCap()) {
            return Optional.of("at weekly cap (" + usage.thisWeek() + "/" + rep.getWeeklyCap() + " leads this week)");
        }
        for (ConditionalCap cap : rep.getConditionalCaps()) {
            if (cap.segment() != segment) {
                continue;
            }
            int used = cap.per() == ConditionalCap.Window.DAY ? usage.segmentToday() : usage.segmentThisWeek();
            if (used >= cap.limit()) {
                return Optional.of("at conditional cap (" + used + "/" + cap.limit() + " " + segment + " leads "
                        + (cap.per() == ConditionalCap.Window.DAY ? "today" : "this week") + ")");
            }
        }
        if (minimumTier != null && !rep.getTier().atLeast(minimumTier)) {
            return Optional.of("tier " + rep.getTier() + " is below the required " + minimumTier);
        }
        return Optional.empty();
    }

    static ZoneId zoneOf(Rep rep) {
        try {
            return rep.getTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(rep.getTimeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The start of the rep's calendar day containing {@code now}. */
    static Instant startOfDay(Rep rep, Instant now) {
        return now.atZone(zoneOf(rep)).toLocalDate().atStartOfDay(zoneOf(rep)).toInstant();
    }

    /** The start of the rep's week (Monday 00:00 local) containing {@code now}. */
    static Instant startOfWeek(Rep rep, Instant now) {
        return now.atZone(zoneOf(rep)).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zoneOf(rep)).toInstant();
    }
}
