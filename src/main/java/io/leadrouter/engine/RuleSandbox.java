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
final class RuleSandbox extends SecurityManager implements Supplier<ThreadLocal<Object[]>> {

    private static final Logger LOG = Logger.getLogger(RuleSandbox.class);

    // What runs on a thread while its rule code runs: {site supplier, what was refused first, site at that moment}.
    // Only JDK types, because the installed guard may come from another class loader than this class (Quarkus
    // restarts the application in dev mode and in tests, and the JVM keeps the first guard): each copy of this class
    // finds the installed guard and marks threads through the guard's own thread-local.
    private static final int SITE = 0, REFUSED_WHAT = 1, REFUSED_SITE = 2;

    /** The installed guard's per-thread state, or a thread-local nothing checks when no guard could be installed. */
    private static final ThreadLocal<Object[]> RUNNING;
    private static final boolean GUARDED;

    static {
        ThreadLocal<Object[]> installed = install();
        GUARDED = installed != null;
        RUNNING = installed != null ? installed : new ThreadLocal<>();
    }

    private final ThreadLocal<Object[]> running = new ThreadLocal<>();

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

    /** The installed guard's per-thread state (for copies of this class from other class loaders). */
    @Override
    public ThreadLocal<Object[]> get() {
        return running;
    }

    /**
     * Runs rule code on the calling thread under the guard. A refused call throws {@link Refused} into the rule; the
     * first refusal is also returned, so a rule that catches it does not hide it. What the code throws is returned,
     * not thrown.
     *
     * @param site says where the rule code is when a call is refused (the rule firing), kept on the refusal
     */
    static <T> Guarded<T> run(Supplier<T> ruleCode, Supplier<?> site) {
        Object[] previous = RUNNING.get();
        Object[] state = {site, null, null};
        RUNNING.set(state);
        try {
            T result = ruleCode.get();
            return new Guarded<>(result, null, refusal(state));
        } catch (RuntimeException e) {
            return new Guarded<>(null, e, refusal(state));
        } finally {
            if (previous == null) {
                RUNNING.remove();
            } else {
                RUNNING.set(previous);
            }
        }
    }

    private static Refused refusal(Object[] state) {
        return state[REFUSED_WHAT] == null ? null : new Refused((String) state[REFUSED_WHAT], state[REFUSED_SITE]);
    }

    /** Whether rule code is guarded at run time in this JVM. */
    static boolean guarded() {
        return GUARDED;
    }

    @Override
    public void checkPermission(Permission permission) {
        Object[] state = running.get();
        if (state != null) {
            refuse(permission, state);
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    private static void refuse(Permission permission, Object[] state) {
        String what = forbidden(permission);
        if (what != null) {
            Object site = ((Supplier<?>) state[SITE]).get();
            if (state[REFUSED_WHAT] == null) {
                state[REFUSED_WHAT] = what;
                state[REFUSED_SITE] = site;
            }
            throw new Refused(what, site);
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

    /** Installs the guard, or finds the one a copy of this class installed; null when the JVM has another or none. */
    @SuppressWarnings("unchecked")
    private static ThreadLocal<Object[]> install() {
        SecurityManager current = System.getSecurityManager();
        if (current != null && current.getClass().getName().equals(RuleSandbox.class.getName())
                && current instanceof Supplier<?> installed) {
            return (ThreadLocal<Object[]>) installed.get();
        }
        if (current != null) {
            LOG.warnf("A security manager (%s) is already installed: rule code is not guarded at run time, only "
                    + "checked when it compiles", current.getClass().getName());
            return null;
        }
        // The common pool picks its thread factory when first used, and picks a restricted one once a security
        // manager exists: let it start as it would have.
        ForkJoinPool.commonPool();
        try {
            RuleSandbox guard = new RuleSandbox();
            System.setSecurityManager(guard);
            return guard.running;
        } catch (UnsupportedOperationException | SecurityException e) {
            LOG.warnf("This JVM refuses a security manager (%s): rule code is not guarded at run time, only checked "
                    + "when it compiles", e.getMessage());
            return null;
        }
    }
}
