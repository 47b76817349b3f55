package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A pool's fairness state. Its row is the lock that serializes routes into the pool. */
@Entity
@Table(name = "pool_state")
public class PoolStateEntity extends PanacheEntityBase {

    @Id
    @Column(name = "pool_key")
    public String poolKey;
    /** Assignments the pool has made: the round-robin clock. */
    public long turn;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
