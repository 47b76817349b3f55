package io.leadrouter.persistence;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a write that lost to a concurrent one: a unique-key violation or a lock conflict. Callers that insert a
 * claim row (webhook inbox, lead events, idempotency keys) treat it as "someone else got there first" and read what
 * the winner wrote, instead of failing.
 */
public final class WriteConflicts {

    /** Unique violation (PostgreSQL and H2). */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Serialization failure, deadlock (PostgreSQL), deadlock/lock timeout (H2). */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40001", "40P01", "HYT00");

    private WriteConflicts() {
    }

    /** Whether {@code e}, or one of its causes, is a unique-key violation or a lock conflict. */
    public static boolean isConflict(Throwable e) {
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
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
