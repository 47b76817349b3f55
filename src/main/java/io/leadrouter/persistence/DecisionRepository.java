package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The decision log table. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<DecisionEntity, UUID> {

    /**
     * Decisions matching every part of the filter, newest first: the {@code size} rows of the page plus one more,
     * when it exists, to tell whether an older page follows.
     */
    public PanacheQuery<DecisionEntity> search(DecisionFilter filter, int page, int size) {
        String queueOrTeam = filter.queueOrTeam();
        String ruleId = filter.ruleId();
        String leadId = filter.leadId();
        String repId = filter.repId();
        Instant from = filter.from();
        Instant to = filter.to();
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (queueOrTeam != null) {
            where.add("(lower(queue) = :queue or lower(pool) like :poolSuffix)");
            params.and("queue", queueOrTeam.toLowerCase(java.util.Locale.ROOT))
                    .and("poolSuffix", "%:" + queueOrTeam.toLowerCase(java.util.Locale.ROOT));
        }
        if (ruleId != null) {
            // matched_rules is the JSON list of MatchedRule; names start with the rule's stable id.
            where.add("matchedRules like :rule");
            params.and("rule", "%\"name\":\"" + ruleId.replace("%", "").replace("_", "") + "%");
        }
        if (leadId != null) {
            where.add("leadId = :leadId");
            params.and("leadId", leadId);
        }
        if (repId != null) {
            where.add("assigneeId = :repId");
            params.and("repId", repId);
        }
        if (filter.rulesVersion() != null) {
            where.add("rulesVersion = :rulesVersion");
            params.and("rulesVersion", filter.rulesVersion());
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
        // One row past the page tells whether an older page exists without counting the log.
        int first = page * size;
        return query.range(first, first + size);
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

    /**
     * The leads of many reps since {@code weekStart}, per rep and pool (null pool: assigned outside a pool), as
     * {@code [this week, since dayStart]}: one statement for a whole roster sharing one time zone's windows.
     */
    public Map<RepInPool, long[]> usageByRepAndPool(Collection<String> repIds, Instant weekStart, Instant dayStart) {
        Map<RepInPool, long[]> usage = new HashMap<>();
        if (repIds.isEmpty()) {
            return usage;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                        "select d.assigneeId, d.pool, count(d), coalesce(sum(case when d.decidedAt >= :day then 1 else 0 end), 0)"
                        + " from DecisionEntity d where d.assigneeId in :reps and d.decidedAt >= :week"
                        + " group by d.assigneeId, d.pool", Object[].class)
                .setParameter("reps", repIds).setParameter("week", weekStart).setParameter("day", dayStart)
                .getResultList();
        for (Object[] row : rows) {
            usage.put(new RepInPool((String) row[0], (String) row[1]), new long[]{toLong(row[2]), toLong(row[3])});
        }
        return usage;
    }

    /** Every rep's leads in each pool since the log began: one grouped statement for {@code /api/pools}. */
    public Map<RepInPool, Long> totalsInPools() {
        Map<RepInPool, Long> totals = new HashMap<>();
        for (Object[] row : getEntityManager().createQuery("select d.assigneeId, d.pool, count(d) from DecisionEntity d"
                + " where d.pool is not null and d.assigneeId is not null group by d.assigneeId, d.pool", Object[].class)
                .getResultList()) {
            totals.put(new RepInPool((String) row[0], (String) row[1]), toLong(row[2]));
        }
        return totals;
    }

    /** A rep in a pool (pool null: outside any pool). */
    public record RepInPool(String repId, String pool) {
    }

    /** One decided lead, reduced to what the console's analytics count. */
    public record Outcome(String assigneeId, String queue, String pool, boolean held, String matchedRules, Instant decidedAt) {
    }

    /** Every decision in [from, to), oldest first, at most {@code limit}: the columns analytics count, no lead. */
    public List<Outcome> outcomes(Instant from, Instant to, int limit) {
        return getEntityManager().createQuery("select d.assigneeId, d.queue, d.pool, d.hold, d.matchedRules, d.decidedAt"
                        + " from DecisionEntity d where d.decidedAt >= :from and d.decidedAt < :to order by d.decidedAt",
                        Object[].class)
                .setParameter("from", from).setParameter("to", to).setMaxResults(limit).getResultList().stream()
                .map(r -> new Outcome((String) r[0], (String) r[1], (String) r[2], r[3] != null, (String) r[4],
                        (Instant) r[5]))
                .toList();
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

    /** What {@link #latestAssigned} found, and by which key. */
    public record EarlierOwner(EarlierAssignment assignment, boolean byEmail) {
    }

    /**
     * Sticky ownership's two look-ups in one statement: the latest assigned decision whose lead had this email
     * (lower-case) since {@code emailSince}, else the latest from this email domain (lower-case) since
     * {@code domainSince}. Either key may be null (not looked up). Each branch is its own indexed
     * {@code order by ... limit 1}; only the three columns needed are read, never the JSON documents.
     */
    @SuppressWarnings("unchecked")
    public EarlierOwner latestAssigned(String email, Instant emailSince, String domain, Instant domainSince) {
        if (email == null && domain == null) {
            return null;
        }
        String byEmail = "(select 0 as how, lead_id, assignee_id, decided_at from decision where assigned_email = :email"
                + " and decided_at >= :emailSince order by decided_at desc limit 1)";
        String byDomain = "(select 1 as how, lead_id, assignee_id, decided_at from decision where assigned_email_domain = :domain"
                + " and decided_at >= :domainSince order by decided_at desc limit 1)";
        String sql = email != null && domain != null ? byEmail + " union all " + byDomain
                : email != null ? byEmail : byDomain;
        NativeQuery<Object[]> query = getEntityManager().createNativeQuery(sql).unwrap(NativeQuery.class);
        query.addScalar("how", Integer.class).addScalar("lead_id", String.class)
                .addScalar("assignee_id", String.class).addScalar("decided_at", Instant.class);
        if (email != null) {
            query.setParameter("email", email).setParameter("emailSince", emailSince);
        }
        if (domain != null) {
            query.setParameter("domain", domain).setParameter("domainSince", domainSince);
        }
        Object[] best = null;
        for (Object[] row : query.getResultList()) {
            if (best == null || (Integer) row[0] < (Integer) best[0]) {
                best = row;
            }
        }
        return best == null ? null : new EarlierOwner(
                new EarlierAssignment((String) best[1], (String) best[2], (Instant) best[3]), (Integer) best[0] == 0);
    }

    private static long toLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
