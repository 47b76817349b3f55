package io.leadrouter.persistence;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The change channel for what instances cache besides the rule set (table {@code cluster_change}, one version per
 * {@link Topic}). A write through the API bumps its topic's version in its own transaction ({@link #publish});
 * {@link #poll} (run by the cluster follower with the rule version) reads every topic's version in one statement.
 * Caches compare {@link #generation}, a local counter that moves when this instance wrote the topic (at the write
 * and again when its transaction ends, so a cache filled meanwhile from the old rows is stale) or when a poll saw
 * another instance's bump. See docs/cluster.md.
 */
@ApplicationScoped
public class ClusterChanges {

    /** What can change. The names are the {@code topic} column's values. */
    public enum Topic {
        /** Reps and therefore pool membership (a pool is the reps of a team or specialty). */
        ROSTER,
        /** Public holidays. */
        HOLIDAYS;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Fired after every poll, whether or not a version moved: caches with a periodic refresh hang off it. */
    public record Polled() {
    }

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<Polled> polled;
    private final Map<Topic, AtomicLong> generations = new EnumMap<>(Topic.class);
    private final Map<Topic, Long> seen = new EnumMap<>(Topic.class);

    ClusterChanges(EntityManager em, TransactionSynchronizationRegistry transactions, Event<Polled> polled) {
        this.em = em;
        this.transactions = transactions;
        this.polled = polled;
        for (Topic topic : Topic.values()) {
            generations.put(topic, new AtomicLong());
        }
    }

    /** Moves whenever the topic may have changed; read it before loading, store it with what was loaded. */
    public long generation(Topic topic) {
        return generations.get(topic).get();
    }

    /**
     * The topic is written in the current transaction: bumps its version in the database (so other instances see it
     * at their next poll; the row stays locked until commit, which serialises concurrent edits of one topic only) and
     * invalidates this instance's caches now and when the transaction ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Topic topic) {
        em.createNativeQuery("update cluster_change set version = version + 1 where topic = :topic")
                .setParameter("topic", topic.column()).executeUpdate();
        changedHere(topic);
    }

    /**
     * The topic changed on this instance (an entity was written): invalidates this instance's caches now and, inside
     * a transaction, again when it ends. Does not tell other instances; {@link #publish} does.
     */
    public void changedHere(Topic topic) {
        AtomicLong generation = generations.get(topic);
        generation.incrementAndGet();
        TransactionEnd.onCompletion(transactions, status -> generation.incrementAndGet());
    }

    /** For entity callbacks, which are not CDI beans. */
    static void changedHereStatic(Topic topic) {
        var container = Arc.container();
        if (container != null && container.isRunning()) {
            container.instance(ClusterChanges.class).get().changedHere(topic);
        }
    }

    /**
     * Reads every topic's version (one statement) and invalidates the caches of each topic another instance bumped
     * since the last poll. The first poll invalidates every topic once: a change made between this instance's first
     * load and that poll is not missed.
     */
    public void poll() {
        List<?> rows = QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("select topic, version from cluster_change").getResultList());
        synchronized (seen) {
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                Topic topic;
                try {
                    topic = Topic.valueOf(((String) r[0]).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    continue; // a newer build's topic
                }
                long version = ((Number) r[1]).longValue();
                Long before = seen.put(topic, version);
                if (before == null || before != version) {
                    generations.get(topic).incrementAndGet();
                }
            }
        }
        polled.fire(new Polled());
    }
}
