package io.leadrouter.engine;

import org.jboss.logging.Logger;

import java.io.FilePermission;
import java.net.SocketPermission;
import java.security.Permission;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * The run-time half of what a rule may do (docs/security.md, "What a rule may do"). While rule code runs, its thread
 * may not stop the JVM, start a process, write or delete a file, open, accept or resolve a network connection, load
 * native code, add shutdown hooks, or replace the security manager, the standard streams, the default exception
 * handler or the socket factories. This holds whatever the rule calls, including library code on the class path that
 * the compile-time name check ({@link RuleCodePolicy}) cannot see into.
 *
 * <p>Built on Java 17's {@link SecurityManager}, installed once when rules first run. Every other thread is left
 * alone: a permission check outside rule code costs one thread-local read. Reading files stays allowed (the JVM reads
 * class files on first use), and so do reflection and system properties (Drools' MVEL conditions reflect and set
 * {@code mvel.*} properties on first use; the name check refuses both in rule text). Where the JVM refuses a security manager ({@code -Djava.security.manager=disallow}), rules run
 * unguarded at run time and a warning says so once.
 */
final class RuleSandbox extends SecurityManager {

    private static final Logger LOG = Logger.getLogger(RuleSandbox.class);

    /** The rule code running on this thread, set only while it runs. */
    private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

    private static final boolean GUARDED = install();

    /** A rule tried something rules may not do; {@link #what()} says what, in words, and {@link #site()} where. */
    static final class Refused extends SecurityException {
        private final String what;
        private final transient Object site;

        Refused(String what, Object site) {
            super("rules may not " + what);
            this.what = what;
            this.site = site;
        }

        String what() {
            return what;
        }

        /** What the caller's site supplier said when the call was refused (the rule firing), or null. */
        Object site() {
            return site;
        }
    }

    private static final class Running {
        final Supplier<?> site;
        Refused first;

        Running(Supplier<?> site) {
            this.site = site;
        }
    }

    /**
     * The outcome of rule code run under the guard.
     *
     * @param result  what the code returned, or null when it threw
     * @param failure what it threw, or null
     * @param refused the first call it was refused, or null (also when the rule caught the refusal and went on)
     */
    record Guarded<T>(T result, RuntimeException failure, Refused refused) {
    }

    private RuleSandbox() {
    }

    /**
     * Runs rule code on the calling thread under the guard. A refused call throws {@link Refused} into the rule; the
     * first refusal is also returned, so a rule that catches it does not hide it. What the code throws is returned,
     * not thrown.
     *
     * @param site says where the rule code is when a call is refused (the rule firing), kept on the refusal
     */
    static <T> Guarded<T> run(Supplier<T> ruleCode, Supplier<?> site) {
        Running previous = RUNNING.get();
        Running running = new Running(site);
        RUNNING.set(running);
        try {
            T result = ruleCode.get();
            return new Guarded<>(result, null, running.first);
        } catch (RuntimeException e) {
            return new Guarded<>(null, e, running.first);
        } finally {
            if (previous == null) {
                RUNNING.remove();
            } else {
                RUNNING.set(previous);
            }
        }
    }

    /** Whether rule code is guarded at run time in this JVM. */
    static boolean guarded() {
        return GUARDED;
    }

    @Override
    public void checkPermission(Permission permission) {
        Running running = RUNNING.get();
        if (running != null) {
            refuse(permission, running);
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    private static void refuse(Permission permission, Running running) {
        String what = forbidden(permission);
        if (what != null) {
            Refused refusal = new Refused(what, running.site.get());
            if (running.first == null) {
                running.first = refusal;
            }
            throw refusal;
        }
    }

    /** What the permission would let a rule do, when rules may not do it; null when they may. */
    static String forbidden(Permission permission) {
        String name = permission.getName();
        if (permission instanceof FilePermission) {
            String actions = permission.getActions();
            if (actions.contains("execute")) {
                return "start a process (" + name + ")";
            }
            if (actions.contains("write") || actions.contains("delete")) {
                return "write or delete a file (" + name + ")";
            }
            return null;
        }
        if (permission instanceof SocketPermission) {
            return "open or look up a network connection (" + name + ")";
        }
        if (permission instanceof RuntimePermission) {
            if (name.startsWith("exitVM")) {
                return "stop the service";
            }
            if (name.startsWith("loadLibrary")) {
                return "load native code";
            }
            switch (name) {
                case "setSecurityManager", "createSecurityManager", "setIO", "setDefaultUncaughtExceptionHandler",
                     "setFactory", "shutdownHooks" -> {
                    return "change how the service runs (" + name + ")";
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean install() {
        SecurityManager current = System.getSecurityManager();
        if (current instanceof RuleSandbox) {
            return true;
        }
        if (current != null) {
            LOG.warnf("A security manager (%s) is already installed: rule code is not guarded at run time, only "
                    + "checked when it compiles", current.getClass().getName());
            return false;
        }
        // The common pool picks its thread factory when first used, and picks a restricted one once a security
        // manager exists: let it start as it would have.
        ForkJoinPool.commonPool();
        try {
            System.setSecurityManager(new RuleSandbox());
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            LOG.warnf("This JVM refuses a security manager (%s): rule code is not guarded at run time, only checked "
                    + "when it compiles", e.getMessage());
            return false;
        }
    }
}
