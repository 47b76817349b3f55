package io.leadrouter.engine;

import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Routing;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sessions of one rule base, reused from one evaluation to the next.
 *
 * <p>Why: opening a session costs time and memory in proportion to the whole rule base (Drools sizes a session's
 * node-memory table and agenda by the number of rules), so with a 10,000-row table most of an evaluation went into
 * building a session. A session whose facts have all been deleted again is, for the next lead, as good as a new one,
 * and emptying it costs only what the last lead touched. A session that saw a failure (a rule threw, or looped) is
 * never reused: its state is unknown, so it is disposed.
 *
 * <p>At most {@link #capacity} sessions wait idle; when more evaluations run at once, the extra ones open a session
 * and dispose it afterwards. When a new version replaces this rule base, {@link #close} disposes its sessions.
 */
final class SessionPool {

    /** Describes a fired rule for the evaluation's list of matched rules. */
    interface MatchDescriber {
        MatchedRule describe(Rule rule, int salience, List<String> effects);
    }

    private final KieBase kieBase;
    private final MatchDescriber describer;
    private final int capacity;
    private final BlockingQueue<PooledSession> idle;
    private volatile boolean closed;

    SessionPool(KieBase kieBase, MatchDescriber describer, int capacity) {
        this.kieBase = kieBase;
        this.describer = describer;
        this.capacity = capacity;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * One idle session per core: evaluation never waits on I/O, so more sessions than cores are rarely busy at once,
     * and each idle session keeps the node memories of every rule it has seen match (a fraction of a KB per table row
     * once warm: with two, the retained heap of a 3,000-row table grew from 12.5 to 14.1 KB per row).
     */
    static int defaultCapacity() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    PooledSession borrow() {
        PooledSession pooled = idle.poll();
        return pooled != null ? pooled : new PooledSession(kieBase.newKieSession(), describer);
    }

    /**
     * Takes a session back after an evaluation. Only a session whose evaluation completed cleanly, and that empties
     * without error, is kept for the next lead.
     */
    void giveBack(PooledSession pooled, boolean clean) {
        if (clean && !closed && pooled.empty() && idle.offer(pooled)) {
            if (closed) {
                // Closed while this one was being emptied: it must not outlive the pool.
                disposeIdle();
            }
            return;
        }
        pooled.session.dispose();
    }

    /**
     * Disposes the idle sessions, once this rule base is no longer active. Evaluations still running on it finish
     * normally; their sessions are disposed when given back.
     */
    void close() {
        closed = true;
        disposeIdle();
    }

    private void disposeIdle() {
        PooledSession pooled;
        while ((pooled = idle.poll()) != null) {
            pooled.session.dispose();
        }
    }

    int idleCount() {
        return idle.size();
    }

    int capacity() {
        return capacity;
    }

    /** A session with its agenda listener, which reports to whichever evaluation currently holds the session. */
    static final class PooledSession {

        final KieSession session;
        FactHandle leadHandle;
        /** What the engine inserted for the current lead, deleted again without scanning working memory. */
        private final List<FactHandle> inserted = new ArrayList<>();
        private Routing routing;
        private List<MatchedRule> matched;
        private EvaluationRun run;
        private int maxMatched;
        private int notRecorded;

        private PooledSession(KieSession session, MatchDescriber describer) {
            this.session = session;
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    run.firing(event.getMatch().getRule());
                    routing.beginRule(event.getMatch().getRule().getName());
                }

                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    run.firing(null);
                    List<String> effects = routing.endRule();
                    // A looping rule must not turn into thousands of stored entries: keep the first, count the rest.
                    if (matched.size() < maxMatched) {
                        matched.add(describer.describe(event.getMatch().getRule(), event.getMatch().getSalience(),
                                effects));
                    } else {
                        notRecorded++;
                    }
                }
            });
        }

        /**
         * Starts an evaluation writing to this routing outcome; returns the list the first {@code maxMatched} fired
         * rules are added to.
         */
        List<MatchedRule> begin(Routing routing, EvaluationRun run, int maxMatched) {
            this.routing = routing;
            this.run = run;
            this.maxMatched = maxMatched;
            this.notRecorded = 0;
            this.matched = new ArrayList<>();
            return matched;
        }

        /** Rules that fired in this evaluation beyond the ones listed. */
        int notRecorded() {
            return notRecorded;
        }

        /** Inserts a fact for the current evaluation; it is deleted again before the session is reused. */
        FactHandle insert(Object fact) {
            FactHandle handle = session.insert(fact);
            inserted.add(handle);
            return handle;
        }

        /**
         * Deletes every fact, from every entry point, including any a rule inserted. Deleting cancels whatever
         * activations they still had, so the next lead starts from an empty working memory.
         *
         * @return false when the session could not be emptied and must not be reused
         */
        private boolean empty() {
            routing = null;
            matched = null;
            run = null;
            leadHandle = null;
            try {
                for (int i = inserted.size() - 1; i >= 0; i--) {
                    session.delete(inserted.get(i));
                }
                inserted.clear();
                if (session.getFactCount() == 0 && session.getEntryPoints().size() == 1) {
                    return true;
                }
                // A rule inserted facts of its own, or the rules use named entry points: look for every fact left.
                for (EntryPoint entryPoint : session.getEntryPoints()) {
                    for (FactHandle handle : new ArrayList<FactHandle>(entryPoint.getFactHandles())) {
                        entryPoint.delete(handle);
                    }
                }
                return session.getFactCount() == 0;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
