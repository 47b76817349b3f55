package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import org.jboss.logging.Logger;
import org.kie.api.definition.rule.Rule;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs evaluations on a bounded pool of threads, each within a time budget, so that a rule that blocks or spins
 * never holds the caller's thread (or anything the caller holds) for longer than the budget.
 *
 * <p>Past the budget the caller stops waiting and gets an evaluation that failed with the reason; the run is
 * abandoned: its session is halted (which ends a rule that keeps re-firing), its thread interrupted (which ends a
 * wait), and its session is never reused. Java cannot stop a thread that spins in a consequence without checking
 * for interruption, so such a thread stays busy until the consequence returns: it is counted as stuck, and routing
 * goes on with the other threads. When every thread is stuck, leads go straight to the fallback.
 */
final class BoundedEvaluator {

    private static final Logger LOG = Logger.getLogger(BoundedEvaluator.class);

    private final Duration budget;
    private final int threads;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicLong timedOut = new AtomicLong();

    BoundedEvaluator(int threads, Duration budget) {
        this.threads = Math.max(1, threads);
        this.budget = budget;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(this.threads, this.threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(this.threads * 64), runnable -> {
            Thread thread = new Thread(runnable, "rule-evaluation-" + number.incrementAndGet());
            // A thread stuck in a spinning rule must not keep the JVM from exiting.
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Evaluates on an evaluation thread and waits at most the budget once it runs (and at most the budget for a
     * free thread before that).
     */
    Evaluation evaluate(ActiveRules rules, Lead lead, List<Rep> roster, int maxMatched) {
        String versionId = rules.version().id();
        if (stuck.get() >= threads) {
            return Evaluation.abandoned(versionId, lead, "every rule evaluation thread (" + threads + ") is stuck in"
                    + " a rule that does not return; the lead was not evaluated", false);
        }
        Task task = new Task(rules, lead, roster, maxMatched);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            return Evaluation.abandoned(versionId, lead, "too many leads waiting for rule evaluation", false);
        }
        long budgetNanos = budget.toNanos();
        try {
            if (!task.started.await(budgetNanos, TimeUnit.NANOSECONDS) && task.cancelIfQueued()) {
                executor.remove(task);
                return Evaluation.abandoned(versionId, lead, "no rule evaluation thread was free within "
                        + budget.toMillis() + " ms (" + stuck.get() + " stuck)", false);
            }
            task.started.await();
            long remaining = task.startedAt + budgetNanos - System.nanoTime();
            return task.result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Rule firing = task.run.firing();
            if (task.abandon()) {
                timedOut.incrementAndGet();
                String where = firing == null ? "while evaluating conditions" : "in rule '" + firing.getName() + "'"
                        + location(rules.rules().originOf(firing));
                String reason = "rules ran past the " + budget.toMillis() + " ms evaluation budget " + where;
                rules.rules().recordTimeout(firing, reason);
                LOG.warnf("Rules %s: evaluation of lead %s abandoned: %s", versionId, lead.getId(), reason);
                return Evaluation.abandoned(versionId, lead, reason, true);
            }
            return task.result.join();
        } catch (InterruptedException e) {
            task.abandon();
            Thread.currentThread().interrupt();
            return Evaluation.abandoned(versionId, lead, "interrupted while the rules were evaluated", false);
        } catch (ExecutionException e) {
            // evaluate() turns a rule's exception into a failed evaluation; anything else is the engine's own.
            return Evaluation.abandoned(versionId, lead, "rule evaluation failed: " + e.getCause(), false);
        }
    }

    private static String location(RuleOrigin origin) {
        if (origin == null) {
            return "";
        }
        return origin.line() != null ? " (" + origin.file() + " line " + origin.line() + ")"
                : " (" + origin.file() + " sheet '" + origin.sheet() + "' row " + origin.row() + ")";
    }

    /** Evaluations abandoned past their budget whose thread has not returned yet. */
    int stuck() {
        return stuck.get();
    }

    /** Evaluations abandoned past their budget since start. */
    long timedOut() {
        return timedOut.get();
    }

    int threads() {
        return threads;
    }

    Duration budget() {
        return budget;
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private final class Task implements Runnable {

        private static final int QUEUED = 0, RUNNING = 1, DONE = 2, CANCELLED = 3, ABANDONED = 4;

        final EvaluationRun run = new EvaluationRun();
        final CompletableFuture<Evaluation> result = new CompletableFuture<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile long startedAt;
        private final ActiveRules rules;
        private final Lead lead;
        private final List<Rep> roster;
        private final int maxMatched;
        private Thread runner;
        private int state = QUEUED;

        Task(ActiveRules rules, Lead lead, List<Rep> roster, int maxMatched) {
            this.rules = rules;
            this.lead = lead;
            this.roster = roster;
            this.maxMatched = maxMatched;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (state != QUEUED) {
                    return;
                }
                state = RUNNING;
                runner = Thread.currentThread();
                startedAt = System.nanoTime();
            }
            started.countDown();
            try {
                result.complete(rules.rules().evaluate(lead, roster, run, maxMatched).onVersion(rules.version().id()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                synchronized (this) {
                    if (state == ABANDONED) {
                        stuck.decrementAndGet();
                    }
                    state = DONE;
                    runner = null;
                }
                // An interrupt meant for this run must not reach the next one.
                Thread.interrupted();
            }
        }

        synchronized boolean cancelIfQueued() {
            if (state == QUEUED) {
                state = CANCELLED;
                started.countDown();
                result.cancel(false);
                return true;
            }
            return false;
        }

        /** @return false when the run finished meanwhile (its result stands) */
        synchronized boolean abandon() {
            if (state == DONE) {
                return false;
            }
            if (state == QUEUED) {
                state = CANCELLED;
            } else if (state == RUNNING) {
                state = ABANDONED;
                stuck.incrementAndGet();
                run.abandon();
                runner.interrupt();
            }
            return true;
        }
    }
}
