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

    /**
     * The rep's leads since {@code weekStart}: {@code [this week, today, this week of segment, today of segment]},
     * counting only the pool's decisions when {@code pool} is given. One aggregate query over the decision log, so
     * dry runs never count.
     */
    public long[] usage(String repId, Instant weekStart, Instant dayStart, String segment, String pool) {
        var query = getEntityManager().createQuery(
                        "select count(d),"
                        + " coalesce(sum(case when d.decidedAt >= :day then 1 else 0 end), 0),"
                        + " coalesce(sum(case when d.leadSegment = :segment then 1 else 0 end), 0),"
                        + " coalesce(sum(case when d.leadSegment = :segment and d.decidedAt >= :day then 1 else 0 end), 0)"
                        + " from DecisionEntity d where d.assigneeId = :rep and d.decidedAt >= :week"
                        + (pool == null ? "" : " and d.pool = :pool"), Object[].class)
                .setParameter("rep", repId).setParameter("week", weekStart).setParameter("day", dayStart)
                .setParameter("segment", segment == null ? "" : segment);
        if (pool != null) {
            query.setParameter("pool", pool);
        }
        Object[] row = query.getSingleResult();
        return new long[]{toLong(row[0]), toLong(row[1]), toLong(row[2]), toLong(row[3])};
    }

    /** Leads the pool gave the rep, ever. */
    public long countInPool(String repId, String pool) {
        return count("assigneeId = ?1 and pool = ?2", repId, pool);
    }

    /**
     * Who got an earlier lead: the three columns sticky ownership needs, never the decision's JSON documents (which
     * are kilobytes per row and would be loaded for every repeat lead).
     */
    public record EarlierAssignment(String leadId, String assigneeId, Instant decidedAt) {
    }

    /** The latest assigned decision whose lead had this email (lower-case), since {@code since}. */
    public EarlierAssignment latestAssignedByEmail(String email, Instant since) {
        return find("leadEmail = ?1 and assigneeId is not null and decidedAt >= ?2",
                Sort.by("decidedAt", Sort.Direction.Descending), email, since)
                .project(EarlierAssignment.class).firstResult();
    }

    /** The latest assigned decision whose lead came from this email domain (lower-case), since {@code since}. */
    public EarlierAssignment latestAssignedByDomain(String domain, Instant since) {
        return find("leadEmailDomain = ?1 and assigneeId is not null and decidedAt >= ?2",
                Sort.by("decidedAt", Sort.Direction.Descending), domain, since)
                .project(EarlierAssignment.class).firstResult();
    }

    private static long toLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
