package io.leadrouter.distribution;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.persistence.ClusterChanges;
import io.leadrouter.persistence.TransactionEnd;
import io.leadrouter.persistence.HolidayRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The holidays routing looks at (yesterday to tomorrow, UTC), cached: they change through {@code /api/holidays} a few
 * times a year, and were one query per lead. {@link #changed()} (called by every holiday write, effective when its
 * transaction ends) makes the next lead read them again, so on one instance an edit applies to the next lead, as
 * before, and bumps the {@code holidays} version of the change channel ({@link ClusterChanges}), so another
 * instance's next lead after its next cluster poll reads them again. A change made directly in the database without
 * that bump is seen after {@code routing.distribution.holiday-cache-ttl} at the latest.
 */
@ApplicationScoped
public class HolidayCalendar {

    private record Cached(LocalDate today, long generation, long clusterGeneration, long loadedAt,
                          Map<String, Set<LocalDate>> byRegion) {
    }

    private final HolidayRepository holidays;
    private final ClusterChanges changes;
    private final TransactionSynchronizationRegistry transactions;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Cached cached;

    HolidayCalendar(HolidayRepository holidays, ClusterChanges changes, TransactionSynchronizationRegistry transactions,
                    RoutingConfig config) {
        this.holidays = holidays;
        this.changes = changes;
        this.transactions = transactions;
        Duration ttl = config.distribution().holidayCacheTtl();
        this.ttlNanos = ttl.toNanos();
    }

    /** Holiday dates around {@code now} (its UTC day ± 1), by region code (upper-case). */
    public Map<String, Set<LocalDate>> around(java.time.Instant now) {
        return around(now.atZone(java.time.ZoneOffset.UTC).toLocalDate());
    }

    /** Holiday dates from the day before {@code today} to the day after, by region code (upper-case). */
    Map<String, Set<LocalDate>> around(LocalDate today) {
        long now = System.nanoTime();
        // Read the generation before the query: a write that commits meanwhile bumps it, and the entry is stale.
        long current = generation.get();
        long cluster = changes.generation(ClusterChanges.Topic.HOLIDAYS);
        Cached c = cached;
        if (c != null && c.generation() == current && c.clusterGeneration() == cluster && c.today().equals(today)
                && now - c.loadedAt() < ttlNanos) {
            return c.byRegion();
        }
        Map<String, Set<LocalDate>> byRegion = new HashMap<>();
        holidays.between(today.minusDays(1), today.plusDays(1))
                .forEach((region, days) -> byRegion.put(region, Set.copyOf(days)));
        Map<String, Set<LocalDate>> frozen = Collections.unmodifiableMap(byRegion);
        cached = new Cached(today, current, cluster, now, frozen);
        return frozen;
    }

    /**
     * Holidays were written in the current transaction: forget the cache when it ends (commit or rollback), and tell
     * the other instances through the change channel (in this transaction).
     */
    public void changed() {
        generation.incrementAndGet();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            changes.publish(ClusterChanges.Topic.HOLIDAYS);
        }
        TransactionEnd.onCompletion(transactions, status -> generation.incrementAndGet());
    }
}
