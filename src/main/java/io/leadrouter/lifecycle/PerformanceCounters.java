package io.leadrouter.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code performance_counter} table: sums per rep and per rule id, per day assigned. Increments are added in
 * the caller's transaction, rows in key order (so concurrent writers lock them in the same order), rows with equal
 * increments in one statement. A row missing for the day is created first in a transaction of its own, so a lost
 * creation race costs a retry, never the caller's transaction.
 */
@ApplicationScoped
public class PerformanceCounters {

    static final String REP = "rep";
    static final String RULE = "rule";

    /** One counter row. */
    record Key(String kind, String subjectId, LocalDate day) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = kind.compareTo(o.kind);
            if (c == 0) {
                c = subjectId.compareTo(o.subjectId);
            }
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    /** Sums of counter rows. */
    static final class Sums {
        long assigned;
        long touched;
        long touchSeconds;
        long breaches;
        long qualified;
        long disqualified;
        long converted;
        BigDecimal won = BigDecimal.ZERO;
        final long[] buckets = new long[TouchBuckets.COUNT];

        void add(Object[] row, int from) {
            assigned += n(row[from]);
            touched += n(row[from + 1]);
            touchSeconds += n(row[from + 2]);
            breaches += n(row[from + 3]);
            qualified += n(row[from + 4]);
            disqualified += n(row[from + 5]);
            converted += n(row[from + 6]);
            won = won.add(row[from + 7] == null ? BigDecimal.ZERO : new BigDecimal(row[from + 7].toString()));
            for (int i = 0; i < TouchBuckets.COUNT; i++) {
                buckets[i] += n(row[from + 8 + i]);
            }
        }

        void merge(Sums other) {
            assigned += other.assigned;
            touched += other.touched;
            touchSeconds += other.touchSeconds;
            breaches += other.breaches;
            qualified += other.qualified;
            disqualified += other.disqualified;
            converted += other.converted;
            won = won.add(other.won);
            for (int i = 0; i < TouchBuckets.COUNT; i++) {
                buckets[i] += other.buckets[i];
            }
        }

        private static long n(Object value) {
            return value == null ? 0 : ((Number) value).longValue();
        }
    }

    /** A counter row as read: its key and its sums. */
    record Row(Key key, Sums sums) {
    }

    private static final String COLUMNS = "assigned, touched, touch_seconds, breaches, qualified, disqualified,"
            + " converted, won_amount, t00, t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11, t12, t13, t14, t15";

    private final EntityManager em;
    private final RowCreator creator;

    PerformanceCounters(EntityManager em, RowCreator creator) {
        this.em = em;
        this.creator = creator;
    }

    /** Adds the increments, row by row in key order; zero ones are skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    void add(Map<Key, Contribution.Delta> deltas) {
        new TreeMap<>(deltas).forEach((key, delta) -> {
            if (delta.isZero() || update(key, delta) == 1) {
                return;
            }
            RuntimeException creation = null;
            try {
                creator.create(key);
            } catch (RuntimeException raced) {
                // Usually created meanwhile by another writer: the update below finds it.
                creation = raced;
            }
            if (update(key, delta) != 1) {
                // The creation failed for another reason (no second connection within the acquisition timeout):
                // its exception says so and is answered 503, not 500.
                if (creation != null) {
                    throw creation;
                }
                throw new IllegalStateException("Performance counter row " + key + " could not be created");
            }
        });
    }

    private int update(Key key, Contribution.Delta delta) {
        StringBuilder sql = new StringBuilder("update performance_counter set assigned = assigned + ?1,"
                + " touched = touched + ?2, touch_seconds = touch_seconds + ?3, breaches = breaches + ?4,"
                + " qualified = qualified + ?5, disqualified = disqualified + ?6, converted = converted + ?7,"
                + " won_amount = won_amount + ?8");
        for (int i = 0; i < TouchBuckets.COUNT; i++) {
            sql.append(String.format(", t%02d = t%02d + ?%d", i, i, 9 + i));
        }
        int p = 9 + TouchBuckets.COUNT;
        sql.append(String.format(" where subject_kind = ?%d and subject_id = ?%d and cohort_day = ?%d", p, p + 1, p + 2));
        var query = em.createNativeQuery(sql.toString())
                .setParameter(1, delta.assigned()).setParameter(2, delta.touched())
                .setParameter(3, delta.touchSeconds()).setParameter(4, delta.breaches())
                .setParameter(5, delta.qualified()).setParameter(6, delta.disqualified())
                .setParameter(7, delta.converted()).setParameter(8, delta.won());
        for (int i = 0; i < TouchBuckets.COUNT; i++) {
            query.setParameter(9 + i, delta.buckets()[i]);
        }
        query.setParameter(p, key.kind()).setParameter(p + 1, key.subjectId()).setParameter(p + 2, Date.valueOf(key.day()));
        return query.executeUpdate();
    }

    /** Every counter row of the kind from {@code since} on (inclusive), for summing over windows in memory. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Row> since(String kind, LocalDate since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select subject_id, cohort_day, " + COLUMNS
                        + " from performance_counter where subject_kind = ?1 and cohort_day >= ?2")
                .setParameter(1, kind).setParameter(2, Date.valueOf(since)).getResultList();
        List<Row> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Sums sums = new Sums();
            sums.add(row, 2);
            result.add(new Row(new Key(kind, (String) row[0], toLocalDate(row[1])), sums));
        }
        return result;
    }

    private static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    /** Creates counter rows in their own transaction. */
    @ApplicationScoped
    public static class RowCreator {

        private final EntityManager em;

        RowCreator(EntityManager em) {
            this.em = em;
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void create(Key key) {
            em.createNativeQuery("insert into performance_counter (subject_kind, subject_id, cohort_day) values (?1, ?2, ?3)")
                    .setParameter(1, key.kind()).setParameter(2, key.subjectId())
                    .setParameter(3, Date.valueOf(key.day())).executeUpdate();
        }
    }
}
