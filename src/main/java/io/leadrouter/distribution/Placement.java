package io.leadrouter.distribution;

import io.leadrouter.decision.Explanation;
import io.leadrouter.decision.Hold;

import io.leadrouter.domain.Rep;

/**
 * Where the distribution step put the lead: a rep, a queue, or on hold; and why.
 *
 * @param pool      the pool's state key when the target was a pool, else null
 * @param selection the pool state after the pick, to store unless this is a dry run; null when no pool pick was made
 * @param hold      set when the lead was held
 */
public record Placement(Rep rep, String queue, Explanation explanation, String pool, FairSelection.Selection selection, Hold hold) {

    /** A rep got the lead; {@code selection} is the pool state after a fair pick, or null (direct, sticky owner). */
    public static Placement toRep(Rep rep, Explanation explanation, String pool, FairSelection.Selection selection) {
        return new Placement(rep, null, explanation, pool, selection, null);
    }

    public static Placement toQueue(String queue, Explanation explanation, String pool) {
        return new Placement(null, queue, explanation, pool, null, null);
    }

    public static Placement held(Hold hold, Explanation explanation, String pool) {
        return new Placement(null, null, explanation, pool, null, hold);
    }

    /** The same placement with another explanation. */
    public Placement explainedAs(Explanation explanation) {
        return new Placement(rep, queue, explanation, pool, selection, hold);
    }
}
