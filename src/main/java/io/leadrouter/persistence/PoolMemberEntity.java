package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A rep's standing in one pool. Created when the rep is first seen in the pool, at the pool's current turn. */
@Entity
@Table(name = "pool_member")
@IdClass(PoolMemberEntity.Key.class)
public class PoolMemberEntity extends PanacheEntityBase {

    @Id
    @Column(name = "pool_key")
    public String poolKey;
    @Id
    @Column(name = "rep_id")
    public String repId;
    /** The pool turn of the rep's last lead (or of joining): round robin picks the smallest. */
    @Column(name = "last_turn")
    public long lastTurn;
    /** Smooth weighted round robin's running weight. */
    @Column(name = "current_weight")
    public long currentWeight;
    @Column(name = "assigned_total")
    public long assignedTotal;

    public static class Key implements Serializable {
        public String poolKey;
        public String repId;

        public Key() {
        }

        public Key(String poolKey, String repId) {
            this.poolKey = poolKey;
            this.repId = repId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(poolKey, k.poolKey) && Objects.equals(repId, k.repId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(poolKey, repId);
        }
    }
}
