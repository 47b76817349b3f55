package io.leadrouter.rest;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.domain.Tier;
import io.leadrouter.persistence.RepEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A rep as the API shows it. */
@Schema(name = "Rep")
public record RepView(String id, String name, @Schema(nullable = true) String email, String team, Set<String> territories,
                      Set<String> industries, Set<String> segments, Set<String> languages, Tier tier, boolean active,
                      Availability availability, int capacity, int openLeads, int weight, String timeZone,
                      boolean eligible, Instant updatedAt, @Schema(nullable = true, implementation = String.class, format = "date") LocalDate outOfOfficeUntil,
                      Map<DayOfWeek, List<TimeRange>> workingHours, @Schema(nullable = true) String holidayRegion, int dailyCap, int weeklyCap,
                      List<ConditionalCap> conditionalCaps) {

    /**
     * @param now      when {@code eligible} is evaluated, as routing would ({@code Rep.isEligible()})
     * @param holidays holiday dates by region code
     */
    static RepView of(RepEntity e, Instant now, Map<String, Set<LocalDate>> holidays) {
        Rep rep = e.toRep();
        rep.checkAvailability(now, holidays);
        return new RepView(e.id, e.name, e.email, e.team, new TreeSet<>(e.territories), new TreeSet<>(e.industries),
                new TreeSet<>(e.segments), new TreeSet<>(e.languages), e.tier, e.active, e.availability, e.capacity,
                e.openLeads, e.weight, e.timeZone, rep.isEligible(), e.updatedAt, e.outOfOfficeUntil,
                new TreeMap<>(e.workingHours), e.holidayRegion, e.dailyCap, e.weeklyCap, List.copyOf(e.conditionalCaps));
    }
}
