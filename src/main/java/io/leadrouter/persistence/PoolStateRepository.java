package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
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
        try {
            creator.create(poolKey);
        } catch (RuntimeException raced) {
            // Another route created it first: fine, it exists now.
        }
        state = findById(poolKey, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            throw new IllegalStateException("Pool state " + poolKey + " could not be created");
        }
        return state;
    }

    public List<PoolStateEntity> all() {
        return listAll(Sort.by("poolKey"));
    }

    /** The state rows of the pool's members. */
    public List<PoolMemberEntity> members(String poolKey) {
        return getEntityManager().createQuery("from PoolMemberEntity m where m.poolKey = :pool order by m.repId",
                PoolMemberEntity.class).setParameter("pool", poolKey).getResultList();
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
