package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The decision log table. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<DecisionEntity, UUID> {

    /** Decisions matching every given filter (null filters are ignored), newest first. */
    public PanacheQuery<DecisionEntity> search(String leadId, String repId, Instant from, Instant to, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (leadId != null) {
            where.add("leadId = :leadId");
            params.and("leadId", leadId);
        }
        if (repId != null) {
            where.add("assigneeId = :repId");
            params.and("repId", repId);
        }
        if (from != null) {
            where.add("decidedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.add("decidedAt < :to");
            params.and("to", to);
        }
        Sort newestFirst = Sort.by("decidedAt", Sort.Direction.Descending).and("id");
        PanacheQuery<DecisionEntity> query = where.isEmpty()
                ? findAll(newestFirst)
                : find(String.join(" and ", where), newestFirst, params);
        return query.page(Page.of(page, size));
    }
}
