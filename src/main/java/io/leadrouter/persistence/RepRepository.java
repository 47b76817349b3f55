package io.leadrouter.persistence;

import io.leadrouter.domain.Rep;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The roster table. */
@ApplicationScoped
public class RepRepository implements PanacheRepositoryBase<RepEntity, String> {

    /** The whole roster as rule facts, ordered by id so evaluations are deterministic. */
    public List<Rep> roster() {
        return listAll(Sort.by("id")).stream().map(RepEntity::toRep).toList();
    }

    /** Counts one more open lead for the rep, atomically in the database. */
    public void countAssignment(String repId) {
        update("openLeads = openLeads + 1 where id = ?1", repId);
    }
}
