package io.leadrouter.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads the decision log in pages, oldest first, for backtests and the dead-rule lint: keyset paging on
 * {@code (decided_at, id)}, each page in its own short read-only transaction, so a window of 100,000 decisions is
 * never held in the heap (or in one open transaction) at once. Only the columns asked for are read.
 */
@ApplicationScoped
public class DecisionScanRepository {

    /** One logged decision, as much as a backtest needs. */
    public record Logged(UUID id, Instant decidedAt, String leadSnapshot, String matchedRules) {
    }

    /**
     * Filters of a scan; nulls are ignored.
     *
     * @param from   decided at or after
     * @param to     decided before
     * @param team   the decision's team pool or assignee's team (case-insensitive)
     * @param source the lead's source, exactly
     */
    public record Window(Instant from, Instant to, String team, String source) {
    }

    private final EntityManager em;

    public DecisionScanRepository(EntityManager em) {
        this.em = em;
    }

    /** Calls {@code each} for every decision in the window, oldest first, {@code pageSize} rows per query. */
    public void scan(Window window, int pageSize, boolean withSnapshot, Consumer<Logged> each) {
        Instant afterAt = null;
        UUID afterId = null;
        while (true) {
            Instant at = afterAt;
            UUID id = afterId;
            List<Logged> page = QuarkusTransaction.requiringNew().call(() -> page(window, at, id, pageSize, withSnapshot));
            page.forEach(each);
            if (page.size() < pageSize) {
                return;
            }
            Logged last = page.get(page.size() - 1);
            afterAt = last.decidedAt();
            afterId = last.id();
        }
    }

    /** Decisions in the window. */
    public long count(Window window) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder jpql = new StringBuilder("select count(d) from DecisionEntity d where 1 = 1");
            where(window, jpql);
            TypedQuery<Long> query = em.createQuery(jpql.toString(), Long.class);
            bind(window, query);
            return query.getSingleResult();
        });
    }

    private List<Logged> page(Window window, Instant afterAt, UUID afterId, int size, boolean withSnapshot) {
        StringBuilder jpql = new StringBuilder("select d.id, d.decidedAt, " + (withSnapshot ? "d.leadSnapshot" : "''")
                + ", d.matchedRules from DecisionEntity d where 1 = 1");
        where(window, jpql);
        if (afterAt != null) {
            jpql.append(" and (d.decidedAt > :afterAt or (d.decidedAt = :afterAt and d.id > :afterId))");
        }
        jpql.append(" order by d.decidedAt, d.id");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class).setMaxResults(size);
        bind(window, query);
        if (afterAt != null) {
            query.setParameter("afterAt", afterAt).setParameter("afterId", afterId);
        }
        return query.getResultList().stream()
                .map(r -> new Logged((UUID) r[0], (Instant) r[1], (String) r[2], (String) r[3])).toList();
    }

    private static void where(Window window, StringBuilder jpql) {
        if (window.from() != null) jpql.append(" and d.decidedAt >= :from");
        if (window.to() != null) jpql.append(" and d.decidedAt < :to");
        if (window.team() != null) jpql.append(" and (d.pool = :pool or lower(d.assignee) like :assigneeTeam)");
        if (window.source() != null) jpql.append(" and d.leadSnapshot like :source");
    }

    private static void bind(Window window, TypedQuery<?> query) {
        if (window.from() != null) query.setParameter("from", window.from());
        if (window.to() != null) query.setParameter("to", window.to());
        if (window.team() != null) {
            String team = window.team().toLowerCase(Locale.ROOT);
            query.setParameter("pool", "team:" + team);
            query.setParameter("assigneeTeam", "%\"team\":\"" + likeEscape(team) + "\"%");
        }
        if (window.source() != null) {
            // The snapshot is written by one ObjectMapper, compactly: "source":"Webinar".
            query.setParameter("source", "%\"source\":\"" + likeEscape(window.source()) + "\"%");
        }
    }

    private static String likeEscape(String value) {
        return value.replace("\"", "\\\"");
    }
}
