package io.leadrouter.bench;

import org.jboss.logmanager.LogContext;

import java.util.logging.Level;

/**
 * Log levels for benchmarks that run the engine outside Quarkus.
 *
 * <p>Why: Drools logs through SLF4J to the JBoss LogManager, and outside a started Quarkus application that log
 * manager's initial configuration enables every level (Quarkus buffers the records until it has read its own
 * configuration). Drools then formats a TRACE message on every rule activation, which the service never does (it
 * runs at INFO). Left alone, that formatting was most of what the first engine benchmark measured.
 */
public final class BenchLogging {

    private BenchLogging() {
    }

    /** Sets the root level to INFO, the level the service runs at. */
    public static void atServiceLevels() {
        LogContext.getSystemLogContext().getLogger("").setLevel(Level.INFO);
    }
}
