package io.leadrouter.webhook;

import io.leadrouter.persistence.WriteConflicts;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.UUID;

/**
 * Tells database failures apart: a collision with a concurrent delivery of the same id (re-read and answer its
 * decision) from the database being unavailable (answer 503 so the CRM retries; never 2xx without a stored decision).
 */
final class StorageFailures {

    private static final Logger LOG = Logger.getLogger(StorageFailures.class);

    private StorageFailures() {
    }

    /** The unique key of the inbox, or a lock conflict: another request is routing the same delivery. */
    static boolean isCollision(Throwable e) {
        return WriteConflicts.isConflict(e);
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
