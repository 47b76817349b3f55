package io.leadrouter.lifecycle;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.config.SlaConfig;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.persistence.HolidayRepository;
import io.leadrouter.decision.Sla;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which SLA an assignment gets (the rule's, else the most specific configured one) and when it is due in the
 * assignee's working time. Holidays are read for about a year ahead and cached for
 * {@code routing.distribution.holiday-cache-ttl}, so computing a deadline costs no query per lead.
 */
@ApplicationScoped
public class SlaPolicy {

    /** How an SLA duration was chosen. */
    public record Chosen(Duration duration, String setBy) {
    }

    private record Holidays(LocalDate from, long loadedAt, Map<String, Set<LocalDate>> byRegion) {
    }

    private final SlaConfig config;
    private final HolidayRepository holidays;
    private final long ttlNanos;
    private volatile Holidays cached;

    SlaPolicy(SlaConfig config, HolidayRepository holidays, RoutingConfig routing) {
        this.config = config;
        this.holidays = holidays;
        this.ttlNanos = routing.distribution().holidayCacheTtl().toNanos();
    }

    /** The SLA duration, or null when none applies. */
    public Chosen choose(RoutingTarget target, Priority priority, Duration requested, String requestedBy) {
        if (!config.enabled()) {
            return null;
        }
        if (requested != null) {
            return new Chosen(requested, requestedBy == null ? "rule" : "rule " + requestedBy);
        }
        String p = priority == null ? Priority.NORMAL.name() : priority.name();
        if (target != null && target.isPool()) {
            for (Map.Entry<String, SlaConfig.Pool> pool : config.pools().entrySet()) {
                if (!pool.getKey().equalsIgnoreCase(target.value())) {
                    continue;
                }
                Duration byPriority = byPriority(pool.getValue().priorities(), p);
                if (byPriority != null) {
                    return new Chosen(byPriority, "routing.sla.pools.\"" + pool.getKey() + "\".priorities." + p);
                }
                if (pool.getValue().sla().isPresent()) {
                    return new Chosen(pool.getValue().sla().get(), "routing.sla.pools.\"" + pool.getKey() + "\".sla");
                }
            }
        }
        Duration byPriority = byPriority(config.priorities(), p);
        if (byPriority != null) {
            return new Chosen(byPriority, "routing.sla.priorities." + p);
        }
        return config.defaultSla().map(d -> new Chosen(d, "routing.sla.default")).orElse(null);
    }

    private static Duration byPriority(Map<String, Duration> byPriority, String priority) {
        return byPriority.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(priority))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The SLA of an assignment to the rep made at {@code start}. */
    public Sla sla(Rep rep, Chosen chosen, Instant start) {
        if (!config.businessHours()) {
            return new Sla(chosen.duration(), start.plus(chosen.duration()), chosen.setBy(), "wall clock");
        }
        Instant due = clockOf(rep, start).due(start, chosen.duration());
        if (due == null) {
            // No working time in ten years (every day a holiday): count it on the wall clock rather than never.
            return new Sla(chosen.duration(), start.plus(chosen.duration()), chosen.setBy(),
                    "wall clock: " + rep.getId() + " has no working time");
        }
        return new Sla(chosen.duration(), due, chosen.setBy(), "working hours of " + rep.getId() + " ("
                + zoneOf(rep).getId() + (rep.getHolidayRegion() == null ? "" : ", holidays " + rep.getHolidayRegion())
                + ")");
    }

    /** Working time between two instants for the rep, or wall-clock time when SLAs are not counted in working hours. */
    public Duration workingTime(Rep rep, Instant from, Instant to) {
        if (rep == null || !config.businessHours()) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
        return clockOf(rep, from).between(from, to);
    }

    /** The rep's working-time clock: their hours, zone and holidays. */
    public BusinessClock clockOf(Rep rep, Instant around) {
        Set<LocalDate> days = rep.getHolidayRegion() == null ? Set.of()
                : holidays(around).getOrDefault(rep.getHolidayRegion().toUpperCase(Locale.ROOT), Set.of());
        return new BusinessClock(zoneOf(rep), rep.getWorkingHours(), days::contains);
    }

    private Map<String, Set<LocalDate>> holidays(Instant around) {
        LocalDate today = around.atZone(ZoneOffset.UTC).toLocalDate();
        long now = System.nanoTime();
        Holidays c = cached;
        // A window from a month back (first touches of old leads) to a year ahead (deadlines).
        if (c == null || now - c.loadedAt() >= ttlNanos || today.isBefore(c.from().plusDays(31))
                || today.isAfter(c.from().plusDays(62))) {
            LocalDate from = today.minusDays(31);
            c = new Holidays(from, now, Map.copyOf(holidays.between(from, today.plusDays(400))));
            cached = c;
        }
        return c.byRegion();
    }

    static ZoneId zoneOf(Rep rep) {
        try {
            return rep.getTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(rep.getTimeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
