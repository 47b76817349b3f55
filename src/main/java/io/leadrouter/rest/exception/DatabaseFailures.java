package io.leadrouter.rest.exception;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Tells database failures a client can do something about apart: the database (or a connection from the pool) not
 * being available right now is back-pressure, answered 503 with {@code Retry-After}; a unique key taken by a
 * concurrent request is a conflict. Everything else stays an internal error.
 */
public final class DatabaseFailures {

    /** Unique violation (PostgreSQL and H2). */
    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseFailures() {
    }

    /** A unique key already taken, typically by a concurrent request that committed first. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation
                    && violation.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database is unreachable, refused or dropped the connection, is shutting down, or the pool had no connection
     * to give within its acquisition timeout.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    // 08: connection exception; 57P: operator intervention (shutdown); 53300: too many connections
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                    || sql.getSQLState().equals("53300"))) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            // Agroal: "Sorry, acquisition timeout!"; Hibernate: "Unable to acquire JDBC Connection".
            if ((t instanceof SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof org.hibernate.HibernateException)
                    && (message.contains("acquisition timeout") || message.contains("unable to acquire jdbc connection"))) {
                return true;
            }
        }
        return false;
    }
}
