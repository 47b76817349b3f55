package io.leadrouter.lifecycle;

import io.leadrouter.config.SlaConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Looks for due SLA timers every {@code routing.sla.check-every} (default 2 s) and fires each in a transaction of
 * its own ({@link SlaBreachService#fire}). The look-up takes no lock; the claim does, per timer, so several instances
 * checking at once share the due timers between them and never fire one twice. Timers are rows, so they survive
 * restarts: one due while every instance was down fires at the next check.
 */
@ApplicationScoped
public class SlaTimerChecker {

    private static final Logger LOG = Logger.getLogger(SlaTimerChecker.class);
    /** This instance, as recorded on the timers it fires: the JVM's {@code pid@host}. */
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final SlaConfig config;
    private final SlaBreachService breaches;
    private final EntityManager em;

    SlaTimerChecker(SlaConfig config, SlaBreachService breaches, EntityManager em) {
        this.config = config;
        this.breaches = breaches;
        this.em = em;
    }

    @Scheduled(identity = "sla-timers", every = "${routing.sla.check-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (config.enabled()) {
            fireDue(Instant.now(), INSTANCE);
        }
    }

    /** Fires the timers due at {@code now}; answers how many this call fired. */
    public int fireDue(Instant now, String instance) {
        List<UUID> due;
        try {
            due = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "select t.id from SlaTimerEntity t where t.status = :running and t.dueAt <= :now order by t.dueAt",
                            UUID.class)
                    .setParameter("running", SlaTimerEntity.RUNNING).setParameter("now", now)
                    .setMaxResults(config.batchSize()).getResultList());
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read the SLA timers: %s", e.getMessage());
            return 0;
        }
        int fired = 0;
        for (UUID id : due) {
            try {
                if (breaches.fire(id, now, instance) != null) {
                    fired++;
                }
            } catch (RuntimeException e) {
                if (isDatabaseFailure(e)) {
                    // Lock conflict, connection lost, deadlock victim: still RUNNING, retried at the next check.
                    LOG.warnf("SLA timer %s not fired this time: %s", id, e.getMessage());
                } else {
                    LOG.errorf(e, "SLA timer %s cannot be fired; marked FAILED", id);
                    breaches.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        return fired;
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof org.hibernate.HibernateException
                    || t instanceof jakarta.transaction.RollbackException
                    || t instanceof io.quarkus.narayana.jta.QuarkusTransactionException) {
                return true;
            }
        }
        return false;
    }
}
