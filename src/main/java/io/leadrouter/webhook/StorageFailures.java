package io.leadrouter.webhook;

import io.leadrouter.rest.exception.Problem;
import io.leadrouter.rest.exception.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/**
 * Tells database failures apart: a collision with a concurrent delivery of the same id (re-read and answer its
 * decision) from the database being unavailable (answer 503 so the CRM retries; never 2xx without a stored decision).
 */
final class StorageFailures {

    private static final Logger LOG = Logger.getLogger(StorageFailures.class);
    /** Unique violation (PostgreSQL and H2). */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Serialization failure, deadlock (PostgreSQL), deadlock/lock timeout (H2). */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40001", "40P01", "HYT00");

    private StorageFailures() {
    }

    /** The unique key of the inbox, or a lock conflict: another request is routing the same delivery. */
    static boolean isCollision(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation
                    && violation.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals(UNIQUE_VIOLATION) || LOCK_CONFLICTS.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** Anything the persistence or transaction layers threw: connection refused, pool exhausted, commit failed. */
    static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof org.hibernate.HibernateException
                    || t instanceof jakarta.transaction.SystemException
                    || t instanceof jakarta.transaction.RollbackException
                    || t instanceof io.quarkus.narayana.jta.QuarkusTransactionException) {
                return true;
            }
        }
        return false;
    }

    static ProblemException unavailable(Throwable cause) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(cause, "Cannot store a webhook delivery, answered 503; reference %s", reference);
        return unavailable("The delivery could not be stored, so it was not routed; retry later (reference "
                + reference + ")");
    }

    static ProblemException unavailable(String detail) {
        return new StorageUnavailableException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                "Storage unavailable", detail));
    }
}
