package io.leadrouter.routing;

import io.leadrouter.decision.Decision;

import io.leadrouter.decisionlog.DecisionLog;

import io.leadrouter.persistence.WriteConflicts;
import io.leadrouter.config.IdempotencyConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Real routes of {@code POST /api/route} that a repeat cannot route twice (docs/idempotency.md):
 * <ul>
 * <li>an {@code Idempotency-Key} the caller sent before, with the same lead, answers the decision it was answered
 * first, marked {@code duplicate}; with a different lead it is a 409 naming the key;</li>
 * <li>within {@code routing.idempotency.duplicate-window} of a lead id's last real route, another one answers that
 * decision the same way, unless the caller asks for {@code reroute=true}.</li>
 * </ul>
 * The rules run first, outside any transaction; then one transaction claims the key and the lead id, places the lead
 * and records the decision. Concurrent repeats collide on the claims' keys (or wait on the lead's claim row), roll
 * back having routed nothing, and answer the first one's decision once it has committed. Both claims live in the
 * database, so this holds across instances.
 */
@ApplicationScoped
public class IdempotentRouting {

    private static final Logger LOG = Logger.getLogger(IdempotentRouting.class);

    /** How often a route that collided with a concurrent repeat re-reads before answering 503. */
    private static final int MAX_COLLISIONS = 100;
    private static final long COLLISION_WAIT_MILLIS = 50;
    private static final int RETRY_AFTER_SECONDS = 1;

    /**
     * Repeats of one lead id on this instance take turns here, before any transaction, so they wait without holding
     * a database connection: 100 parallel repeats blocked on the claim rows would hold every pooled connection while
     * the first route needs one more (a new pool's state row is created in a transaction of its own). The database
     * keys alone still decide; this only keeps waiting cheap. Unrelated leads share a stripe rarely and briefly.
     */
    private static final ReentrantLock[] STRIPES = new ReentrantLock[256];
    private static final long TURN_WAIT_SECONDS = 30;

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private final RoutingService routing;
    private final DecisionLog decisions;
    private final EntityManager em;
    private final Duration keyRetention;
    private final Duration duplicateWindow;

    public IdempotentRouting(RoutingService routing, DecisionLog decisions, EntityManager em, IdempotencyConfig config) {
        this.routing = routing;
        this.decisions = decisions;
        this.em = em;
        this.keyRetention = config.keyRetention();
        this.duplicateWindow = config.duplicateWindow();
    }

    /**
     * A caller's {@code Idempotency-Key}.
     *
     * @param caller        the authenticated principal: keys of different callers never meet
     * @param key           the header's value
     * @param requestDigest SHA-256 of the lead as sent, to tell a retry from a different request under the same key
     */
    public record Key(String caller, String key, String requestDigest) {
    }

    /**
     * Routes the lead for real, or answers the decision an earlier route of the same key or lead id stored.
     *
     * @param key     the caller's key, or null
     * @param reroute route even if the lead id was routed within the duplicate window (a known key still answers
     *                its decision: a retried re-route does not route twice)
     */
    public Decision route(Lead lead, Key key, boolean reroute) {
        if (key == null && duplicateWindow.isZero()) {
            return routing.route(lead, false);
        }
        ReentrantLock turn = STRIPES[Math.floorMod(lead.getId().hashCode(), STRIPES.length)];
        try {
            if (!turn.tryLock(TURN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw stillRouting(lead.getId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stillRouting(lead.getId());
        }
        try {
            return routeInTurn(lead, key, reroute);
        } finally {
            turn.unlock();
        }
    }

    private Decision routeInTurn(Lead lead, Key key, boolean reroute) {
        for (int attempt = 0; attempt < MAX_COLLISIONS; attempt++) {
            try {
                Optional<Decision> earlier = QuarkusTransaction.requiringNew()
                        .call(() -> earlierAnswer(lead.getId(), key, reroute));
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                // The rules run here, before the transaction: no database connection is held while they do.
                RoutingService.Evaluated evaluated = routing.evaluate(lead);
                return QuarkusTransaction.requiringNew().call(() -> recordOnce(evaluated, key, reroute));
            } catch (RuntimeException e) {
                if (!isCollision(e)) {
                    throw e;
                }
                LOG.debugf("Route of lead %s collided with a concurrent repeat; re-reading", lead.getId());
                sleep();
            }
        }
        throw stillRouting(lead.getId());
    }

    /** The decision a known key or a recent route of the lead id answers, if any. */
    private Optional<Decision> earlierAnswer(String leadId, Key key, boolean reroute) {
        Instant now = Instant.now();
        if (key != null) {
            Optional<KeyClaim> claimed = findKey(key, now.minus(keyRetention));
            if (claimed.isPresent()) {
                if (!claimed.get().requestDigest().equals(key.requestDigest())) {
                    throw keyReused(key);
                }
                if (claimed.get().decisionId() == null) {
                    throw new ConcurrentRepeat();
                }
                return Optional.of(duplicateOf(claimed.get().decisionId()));
            }
        }
        if (reroute || duplicateWindow.isZero()) {
            return Optional.empty();
        }
        Optional<UUID> recent = recentDecision(leadId, now.minus(duplicateWindow));
        if (recent.isPresent() && key != null) {
            // The key answers this decision from now on, also after the window.
            claimKey(key, leadId, recent.get(), now);
        }
        return recent.map(this::duplicateOf);
    }

    /**
     * Claims the key and the lead id, then places and records the lead; or, when a concurrent route of the lead
     * committed meanwhile, answers its decision. Claims are taken in this order (key, lead, pool) by every route.
     */
    private Decision recordOnce(RoutingService.Evaluated evaluated, Key key, boolean reroute) {
        Instant now = Instant.now();
        String leadId = evaluated.lead().getId();
        if (key != null) {
            claimKey(key, leadId, null, now);
        }
        if (!duplicateWindow.isZero()) {
            Optional<LeadClaim> claim = lockLeadClaim(leadId);
            if (claim.isPresent() && !reroute && claim.get().decisionId() != null
                    && !claim.get().routedAt().isBefore(now.minus(duplicateWindow))) {
                if (key != null) {
                    answerKey(key, claim.get().decisionId());
                }
                return duplicateOf(claim.get().decisionId());
            }
            if (claim.isEmpty()) {
                // Flushed now: a concurrent first route of this lead waits here, then collides on the primary key.
                em.createNativeQuery("insert into route_lead_claim (lead_id, routed_at) values (:l, :t)")
                        .setParameter("l", leadId).setParameter("t", now).executeUpdate();
            }
        }
        Decision decision = routing.record(evaluated);
        em.flush(); // the decision row exists before the claims refer to it
        if (!duplicateWindow.isZero()) {
            em.createNativeQuery("update route_lead_claim set decision_id = :d, routed_at = :t where lead_id = :l")
                    .setParameter("d", decision.decisionId()).setParameter("t", decision.decidedAt())
                    .setParameter("l", leadId).executeUpdate();
        }
        if (key != null) {
            answerKey(key, decision.decisionId());
        }
        return decision;
    }

    private record KeyClaim(String requestDigest, UUID decisionId) {
    }

    private record LeadClaim(UUID decisionId, Instant routedAt) {
    }

    private Optional<KeyClaim> findKey(Key key, Instant notBefore) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_digest, decision_id from route_idempotency_key"
                        + " where caller = :c and idempotency_key = :k and created_at >= :t")
                .setParameter("c", key.caller()).setParameter("k", key.key()).setParameter("t", notBefore)
                .getResultList();
        return rows.stream().findFirst().map(row -> new KeyClaim((String) row[0], uuid(row[1])));
    }

    /** Inserts the key's row at once, so a concurrent request with the same key collides before either routes. */
    private void claimKey(Key key, String leadId, UUID decisionId, Instant now) {
        // A row past the retention that the purge has not removed yet is forgotten, as the lookup already did.
        em.createNativeQuery("delete from route_idempotency_key where caller = :c and idempotency_key = :k"
                        + " and created_at < :t")
                .setParameter("c", key.caller()).setParameter("k", key.key()).setParameter("t", now.minus(keyRetention))
                .executeUpdate();
        em.createNativeQuery("insert into route_idempotency_key (caller, idempotency_key, request_digest, lead_id,"
                        + " created_at) values (:c, :k, :h, :l, :t)")
                .setParameter("c", key.caller()).setParameter("k", key.key()).setParameter("h", key.requestDigest())
                .setParameter("l", leadId).setParameter("t", now).executeUpdate();
        if (decisionId != null) {
            answerKey(key, decisionId);
        }
    }

    private void answerKey(Key key, UUID decisionId) {
        em.createNativeQuery("update route_idempotency_key set decision_id = :d where caller = :c and idempotency_key = :k")
                .setParameter("d", decisionId).setParameter("c", key.caller()).setParameter("k", key.key())
                .executeUpdate();
    }

    private Optional<UUID> recentDecision(String leadId, Instant notBefore) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select decision_id from route_lead_claim where lead_id = :l"
                        + " and routed_at >= :t and decision_id is not null")
                .setParameter("l", leadId).setParameter("t", notBefore).getResultList();
        return rows.stream().findFirst().map(IdempotentRouting::uuid);
    }

    /** The lead's claim row, locked until this transaction ends: concurrent routes of one lead id take turns here. */
    private Optional<LeadClaim> lockLeadClaim(String leadId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select decision_id, routed_at from route_lead_claim"
                        + " where lead_id = :l for update")
                .setParameter("l", leadId).getResultList();
        return rows.stream().findFirst().map(row -> new LeadClaim(uuid(row[0]), instant(row[1])));
    }

    private Decision duplicateOf(UUID decisionId) {
        return decisions.find(decisionId).map(Decision::asDuplicate).orElseThrow(() -> new IllegalStateException(
                "A route claim refers to decision " + decisionId + ", which is not in the log"));
    }

    /** Forgets keys past their retention and lead claims past the window; on every instance, which is harmless. */
    @Scheduled(identity = "route-idempotency-purge", every = "${routing.idempotency.purge-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = Instant.now();
        int keys = em.createNativeQuery("delete from route_idempotency_key where created_at < :t")
                .setParameter("t", now.minus(keyRetention)).executeUpdate();
        int claims = em.createNativeQuery("delete from route_lead_claim where routed_at < :t")
                .setParameter("t", now.minus(duplicateWindow)).executeUpdate();
        if (keys + claims > 0) {
            LOG.debugf("Purged %d idempotency keys and %d lead claims", keys, claims);
        }
    }

    private static ProblemException keyReused(Key key) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, "idempotency-key-reused",
                "Idempotency key reused", "Idempotency-Key '" + key.key() + "' was sent before with a different "
                        + "lead; nothing was routed. Send a different request under a new key"));
    }

    private static ProblemException stillRouting(String leadId) {
        return new RetryLater(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "route-in-progress",
                "Route in progress", "Lead " + leadId + " is still being routed by a concurrent request; retry in "
                        + RETRY_AFTER_SECONDS + " second(s) to get its decision"));
    }

    /** A 503 that says when to come back: the concurrent route will have committed by then. */
    public static final class RetryLater extends ProblemException {

        RetryLater(Problem problem) {
            super(problem);
        }

        public int retryAfterSeconds() {
            return RETRY_AFTER_SECONDS;
        }
    }

    /** A key claimed by a request still in flight elsewhere: wait for it like any other collision. */
    private static final class ConcurrentRepeat extends RuntimeException {
        ConcurrentRepeat() {
            super(null, null, false, false);
        }
    }

    static boolean isCollision(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrentRepeat) {
                return true;
            }
        }
        return WriteConflicts.isConflict(e);
    }

    private static UUID uuid(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof UUID id) {
            return id;
        }
        if (column instanceof byte[] bytes && bytes.length == 16) {
            // H2 answers a native query's uuid column as its 16 bytes.
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(column.toString());
    }

    private static Instant instant(Object column) {
        if (column instanceof Instant at) {
            return at;
        }
        if (column instanceof java.time.OffsetDateTime at) {
            return at.toInstant();
        }
        if (column instanceof java.sql.Timestamp at) {
            return at.toInstant();
        }
        if (column instanceof java.time.ZonedDateTime at) {
            return at.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + column.getClass().getSimpleName());
    }

    private static void sleep() {
        try {
            Thread.sleep(COLLISION_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a concurrent route", e);
        }
    }
}
