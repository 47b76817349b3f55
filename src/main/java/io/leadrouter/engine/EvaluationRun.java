package io.leadrouter.engine;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

/**
 * One evaluation in progress, shared by the thread running it and the caller waiting for it: which rule is firing
 * (to name it when the evaluation runs past its budget), and whether the caller gave up on it, in which case its
 * session is halted and never reused.
 */
final class EvaluationRun {

    private volatile KieSession session;
    private volatile Rule firing;
    private volatile boolean abandoned;

    void started(KieSession session) {
        this.session = session;
        if (abandoned) {
            halt(session);
        }
    }

    void firing(Rule rule) {
        firing = rule;
    }

    /** The rule whose consequence is running now, or null (between firings, or while conditions are evaluated). */
    Rule firing() {
        return firing;
    }

    /** The caller stopped waiting: stop at the next firing (a consequence that never returns is not stopped). */
    void abandon() {
        abandoned = true;
        KieSession current = session;
        if (current != null) {
            halt(current);
        }
    }

    boolean abandoned() {
        return abandoned;
    }

    void finished() {
        session = null;
    }

    private static void halt(KieSession session) {
        try {
            session.halt();
        } catch (RuntimeException ignored) {
            // Already disposed or halting: the run ends either way.
        }
    }
}
