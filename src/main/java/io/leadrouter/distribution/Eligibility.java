package io.leadrouter.distribution;

import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a rep can take a lead of this pool now, and if not, why. Pure: the time, the rep's counts and the holidays
 * are passed in, so it is tested with a fixed clock. First what rules see as {@code Rep(eligible)}
 * ({@link Rep#unavailability}: inactive, out of office, away, holiday, outside working hours, at capacity), then what
 * depends on the pool and the lead: at daily cap, at weekly cap, at conditional cap, below tier. The first reason wins.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /**
     * @param segment  the routed lead's segment (conditional caps), or null
     * @param usage    the rep's counts in the cap windows
     * @param holidays holiday dates by region code (upper-case)
     */
    public static Optional<String> exclusion(Rep rep, Tier minimumTier, Segment segment, Usage usage, Instant now,
                                      Map<String, Set<LocalDate>> holidays) {
        String unavailable = rep.unavailability(now, holidays);
        if (unavailable != null) {
            return Optional.of(unavailable);
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
        return rep.zone();
    }

    /** The start of the rep's calendar day containing {@code now}. */
    public static Instant startOfDay(Rep rep, Instant now) {
        return now.atZone(zoneOf(rep)).toLocalDate().atStartOfDay(zoneOf(rep)).toInstant();
    }

    /** The start of the rep's week (Monday 00:00 local) containing {@code now}. */
    public static Instant startOfWeek(Rep rep, Instant now) {
        return now.atZone(zoneOf(rep)).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zoneOf(rep)).toInstant();
    }
}
