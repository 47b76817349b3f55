package io.leadrouter.persistence;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Tier;
import io.leadrouter.domain.TimeRange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The roster table. */
@ApplicationScoped
public class RepRepository implements PanacheRepositoryBase<RepEntity, String> {

    /**
     * The whole roster as rule facts, ordered by id so evaluations are deterministic. Read as a projection, not as
     * managed entities: every route reads it, and entities would be hydrated, snapshotted and dirty-checked at flush
     * for nothing (the converted set, map and list columns are deep-copied for that).
     */
    public List<Rep> roster() {
        return getEntityManager().createQuery("select r.id, r.name, r.email, r.team, r.territories, r.industries,"
                        + " r.segments, r.languages, r.tier, r.active, r.availability, r.capacity, r.openLeads, r.weight,"
                        + " r.timeZone, r.outOfOfficeUntil, r.workingHours, r.holidayRegion, r.dailyCap, r.weeklyCap,"
                        + " r.conditionalCaps from RepEntity r order by r.id", Object[].class)
                .getResultList().stream().map(RepRepository::toRep).toList();
    }

    @SuppressWarnings("unchecked")
    private static Rep toRep(Object[] row) {
        RepEntity e = new RepEntity();
        e.id = (String) row[0];
        e.name = (String) row[1];
        e.email = (String) row[2];
        e.team = (String) row[3];
        e.territories = (Set<String>) row[4];
        e.industries = (Set<String>) row[5];
        e.segments = (Set<String>) row[6];
        e.languages = (Set<String>) row[7];
        e.tier = (Tier) row[8];
        e.active = (Boolean) row[9];
        e.availability = (Availability) row[10];
        e.capacity = ((Number) row[11]).intValue();
        e.openLeads = ((Number) row[12]).intValue();
        e.weight = ((Number) row[13]).intValue();
        e.timeZone = (String) row[14];
        e.outOfOfficeUntil = (LocalDate) row[15];
        e.workingHours = (Map<DayOfWeek, List<TimeRange>>) row[16];
        e.holidayRegion = (String) row[17];
        e.dailyCap = ((Number) row[18]).intValue();
        e.weeklyCap = ((Number) row[19]).intValue();
        e.conditionalCaps = (List<ConditionalCap>) row[20];
        return e.toRep();
    }

    /** Every rep's open-lead count, by id: what changes with every route, refreshed without re-reading the roster. */
    public Map<String, Integer> openLeads() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        getEntityManager().createQuery("select r.id, r.openLeads from RepEntity r", Object[].class).getResultList()
                .forEach(row -> counts.put((String) row[0], ((Number) row[1]).intValue()));
        return counts;
    }

    /** Locks the rep's row until the transaction ends, so caps counted over several pools stay exact. */
    public void lock(String repId) {
        getEntityManager().createNativeQuery("select id from rep where id = :id for update")
                .setParameter("id", repId).getResultList();
    }

    /** Counts one more open lead for the rep, atomically in the database. */
    public void countAssignment(String repId) {
        update("openLeads = openLeads + 1 where id = ?1", repId);
    }
}
