package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Pool state rows. A route into a pool holds the pool's row lock ({@code SELECT ... FOR UPDATE}) until its
 * transaction ends, so picks, caps and counters of one pool are serialized on H2 and PostgreSQL alike.
 */
@ApplicationScoped
public class PoolStateRepository implements PanacheRepositoryBase<PoolStateEntity, String> {

    /** Locks the pool's row, creating it first when the pool is new. Waits while another route holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PoolStateEntity lock(String poolKey, PoolStateCreator creator) {
        PoolStateEntity state = findById(poolKey, LockModeType.PESSIMISTIC_WRITE);
        if (state != null) {
            return state;
        }
        RuntimeException creation = null;
        try {
            creator.create(poolKey);
        } catch (RuntimeException raced) {
            // Usually another route created it first: fine, it exists now.
            creation = raced;
        }
        state = findById(poolKey, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            // Not a race: the creation itself failed, typically no second connection within the acquisition timeout
            // under load. Its own exception says so (mapped to 503 + Retry-After), not a 500.
            if (creation != null) {
                throw creation;
            }
            throw new IllegalStateException("Pool state " + poolKey + " could not be created");
        }
        return state;
    }

    public List<PoolStateEntity> all() {
        return listAll(Sort.by("poolKey"));
    }

    /** The state rows of every pool's members, by pool then rep: one statement for {@code /api/pools}. */
    public List<PoolMemberEntity> allMembers() {
        return getEntityManager().createQuery("from PoolMemberEntity m order by m.poolKey, m.repId",
                PoolMemberEntity.class).getResultList();
    }

    /** The state rows of the pool's members. */
    public List<PoolMemberEntity> members(String poolKey) {
        return getEntityManager().createQuery("from PoolMemberEntity m where m.poolKey = :pool order by m.repId",
                PoolMemberEntity.class).setParameter("pool", poolKey).getResultList();
    }

    /**
     * One rep's standing, read for a route: open leads now, their state row in the pool (if any), and their leads in
     * the cap windows over every pool ({@code [this week, today, this week of segment, today of segment]}).
     */
    public record Standing(String repId, int openLeads, boolean member, long lastTurn, long currentWeight,
                           long assignedTotal, long[] usage) {
    }

    /**
     * @param turn the pool's turn (0 when it has no state row yet, or for no pool)
     */
    public record Standings(long turn, List<Standing> reps) {
    }

    /**
     * Everything a route reads about some reps in one statement (instead of the pool state, the pool's member rows,
     * the reps' open leads and one cap count per rep): the reps must share their cap windows, i.e. {@code weekStart}
     * and {@code dayStart} (reps in time zones with the same offsets do). Projections, no entities.
     *
     * @param poolKey the pool, or null (then no pool state is read)
     * @param segment the routed lead's segment, or null
     */
    public Standings standings(String poolKey, Collection<String> repIds, Instant weekStart, Instant dayStart,
                               String segment) {
        boolean pool = poolKey != null;
        String hql = "select r.id, r.openLeads, "
                + (pool ? "s.turn, m.repId, m.lastTurn, m.currentWeight, m.assignedTotal, " : "")
                + "count(d.id),"
                + " sum(case when d.decidedAt >= :day then 1 else 0 end),"
                + " sum(case when d.leadSegment = :segment then 1 else 0 end),"
                + " sum(case when d.leadSegment = :segment and d.decidedAt >= :day then 1 else 0 end)"
                + " from RepEntity r"
                + (pool ? " left join PoolStateEntity s on s.poolKey = :pool"
                        + " left join PoolMemberEntity m on m.poolKey = :pool and m.repId = r.id" : "")
                + " left join DecisionEntity d on d.assigneeId = r.id and d.decidedAt >= :week"
                + " where r.id in :ids"
                + " group by r.id, r.openLeads"
                + (pool ? ", s.turn, m.repId, m.lastTurn, m.currentWeight, m.assignedTotal" : "");
        var query = getEntityManager().createQuery(hql, Object[].class)
                .setParameter("ids", repIds).setParameter("week", weekStart).setParameter("day", dayStart)
                .setParameter("segment", segment == null ? "" : segment);
        if (pool) {
            query.setParameter("pool", poolKey);
        }
        long turn = 0;
        List<Standing> reps = new ArrayList<>();
        int u = pool ? 7 : 2;
        for (Object[] row : query.getResultList()) {
            long[] usage = {toLong(row[u]), toLong(row[u + 1]), toLong(row[u + 2]), toLong(row[u + 3])};
            if (pool) {
                turn = Math.max(turn, toLong(row[2]));
                reps.add(new Standing((String) row[0], (int) toLong(row[1]), row[3] != null, toLong(row[4]),
                        toLong(row[5]), toLong(row[6]), usage));
            } else {
                reps.add(new Standing((String) row[0], (int) toLong(row[1]), false, 0, 0, 0, usage));
            }
        }
        return new Standings(turn, reps);
    }

    /** Stores a member's state after a pick; the pool's row lock is held. */
    public void updateMember(String poolKey, String repId, long lastTurn, long currentWeight, long assignedTotal) {
        getEntityManager().createQuery("update PoolMemberEntity m set m.lastTurn = :lastTurn,"
                        + " m.currentWeight = :currentWeight, m.assignedTotal = :assignedTotal"
                        + " where m.poolKey = :pool and m.repId = :rep")
                .setParameter("lastTurn", lastTurn).setParameter("currentWeight", currentWeight)
                .setParameter("assignedTotal", assignedTotal).setParameter("pool", poolKey).setParameter("rep", repId)
                .executeUpdate();
    }

    private static long toLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Creates pool rows in their own transaction, so that a lost creation race only costs a retry of the lock. */
    @ApplicationScoped
    public static class PoolStateCreator {

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void create(String poolKey) {
            PoolStateEntity state = new PoolStateEntity();
            state.poolKey = poolKey;
            state.turn = 0;
            state.updatedAt = Instant.now();
            state.persist();
            state.flush();
        }
    }
}
