package io.leadrouter.rest;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Tier;
import io.leadrouter.persistence.RepEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A rep as the API shows it. */
@Schema(name = "Rep")
public record RepView(String id, String name, String email, String team, Set<String> territories,
                      Set<String> industries, Set<String> segments, Set<String> languages, Tier tier, boolean active,
                      Availability availability, int capacity, int openLeads, int weight, String timeZone,
                      boolean eligible, Instant updatedAt) {

    static RepView of(RepEntity e) {
        return new RepView(e.id, e.name, e.email, e.team, new TreeSet<>(e.territories), new TreeSet<>(e.industries),
                new TreeSet<>(e.segments), new TreeSet<>(e.languages), e.tier, e.active, e.availability, e.capacity,
                e.openLeads, e.weight, e.timeZone, e.toRep().isEligible(), e.updatedAt);
    }
}
