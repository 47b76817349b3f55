package io.leadrouter.reload;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The thread rule changes are compiled on, and how it yields the CPU to routing.
 *
 * <p>Java thread priorities are ignored on Linux, but the kernel keeps a nice value per thread, and a thread may raise
 * its own nice value (lower its priority) without any privilege. The thread does so first thing: it finds its kernel
 * thread id through {@code /proc/thread-self} and runs {@code renice <nice> -p <tid>} (util-linux or busybox; absolute
 * value in both), then reads the value back from {@code /proc/thread-self/stat}. No native library is needed. Where
 * that is not possible (not Linux, no {@code renice}, a seccomp profile that forbids it) the thread runs at normal
 * priority and this is logged once.
 */
public final class CompileThread {

    public static final String NAME = "rules-compile";
    private static final Logger LOG = Logger.getLogger(CompileThread.class);
    private static final AtomicBoolean UNSUPPORTED_LOGGED = new AtomicBoolean();

    private CompileThread() {
    }

    /** Daemon threads named {@value #NAME} that set their nice value to {@code nice} before their first task (0: leave it). */
    public static ThreadFactory factory(int nice) {
        return task -> {
            Thread thread = new Thread(() -> {
                lowerPriority(nice);
                task.run();
            }, NAME);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (1–19; 0 or less changes nothing; a thread that already
     * runs at that nice value or higher is left alone: an unprivileged thread cannot lower it again).
     *
     * @return the calling thread's nice value afterwards, or empty where it cannot be read (not Linux)
     */
    public static OptionalInt lowerPriority(int nice) {
        OptionalInt current = currentNice();
        if (nice <= 0 || current.isPresent() && current.getAsInt() >= nice) {
            return current;
        }
        if (current.isEmpty()) {
            unsupported("cannot read /proc/thread-self/stat (not Linux?)");
            return current;
        }
        String problem;
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process renice = new ProcessBuilder("renice", Integer.toString(Math.min(nice, 19)), "-p", tid)
                    .redirectErrorStream(true).start();
            renice.getOutputStream().close();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                problem = "renice did not finish within 10 s";
            } else if (renice.exitValue() != 0) {
                problem = "renice exited with " + renice.exitValue() + ": "
                        + new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            } else {
                problem = null;
            }
        } catch (IOException | UnsupportedOperationException e) {
            problem = "cannot run renice: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        OptionalInt after = currentNice();
        if (problem != null || after.isEmpty() || after.getAsInt() < Math.min(nice, 19)) {
            unsupported(problem != null ? problem : "nice value after renice: " + after);
        } else {
            LOG.debugf("Thread %s runs at nice %d", Thread.currentThread().getName(), after.getAsInt());
        }
        return after;
    }

    /** The calling thread's nice value, from field 19 of {@code /proc/thread-self/stat}; empty where there is none. */
    public static OptionalInt currentNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
            // Fields after the command name, which is in parentheses and may contain spaces: state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalInt.of(Integer.parseInt(fields[19 - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static void unsupported(String why) {
        if (UNSUPPORTED_LOGGED.compareAndSet(false, true)) {
            LOG.warnf("Rule compiles run at normal OS priority and compete with routing for CPU (%s); set "
                    + "routing.reload.compile-thread-nice=0 to silence this", why);
        }
    }
}
