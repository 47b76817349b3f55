package io.leadrouter.persistence;

import io.leadrouter.domain.Rep;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The roster table. */
@ApplicationScoped
public class RepRepository implements PanacheRepositoryBase<RepEntity, String> {

    /** The whole roster as rule facts, ordered by id so evaluations are deterministic. */
    public List<Rep> roster() {
        return listAll(Sort.by("id")).stream().map(RepEntity::toRep).toList();
    }

    /** Open leads of these reps, read from the database now (not from entities loaded earlier in the transaction). */
    public Map<String, Integer> openLeads(Collection<String> repIds) {
        Map<String, Integer> open = new HashMap<>();
        if (repIds.isEmpty()) {
            return open;
        }
        getEntityManager().createQuery("select r.id, r.openLeads from RepEntity r where r.id in :ids", Object[].class)
                .setParameter("ids", repIds).getResultList()
                .forEach(row -> open.put((String) row[0], ((Number) row[1]).intValue()));
        return open;
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
