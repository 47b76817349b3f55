package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Routing;

import java.util.List;

/**
 * What the rules made of one lead.
 *
 * @param rulesVersion the id of the rule version that evaluated it
 * @param lead         the lead as the rules left it (score and priority adjusted)
 * @param routing      the outcome the rules wrote
 * @param matchedRules the rules that fired, in firing order: the first {@code routing.rules.max-matched-rules}
 * @param failure      why evaluation stopped early (a rule threw, looped or ran past the time budget), or {@code null}
 * @param notRecorded  how many more rules fired than {@code matchedRules} lists
 * @param timedOut     the evaluation ran past its time budget and was abandoned
 */
public record Evaluation(String rulesVersion, Lead lead, Routing routing, List<MatchedRule> matchedRules, String failure,
                         int notRecorded, boolean timedOut) {

    public Evaluation(String rulesVersion, Lead lead, Routing routing, List<MatchedRule> matchedRules, String failure) {
        this(rulesVersion, lead, routing, matchedRules, failure, 0, false);
    }

    public boolean failed() {
        return failure != null;
    }

    /** Every rule that fired, including those not listed. */
    public int firedCount() {
        return matchedRules.size() + notRecorded;
    }

    Evaluation onVersion(String versionId) {
        return new Evaluation(versionId, lead, routing, matchedRules, failure, notRecorded, timedOut);
    }

    /** The lead unchanged, no rule fired: what a lead whose evaluation was abandoned is routed on. */
    static Evaluation abandoned(String versionId, Lead lead, String failure, boolean timedOut) {
        Lead fact = lead.copy();
        return new Evaluation(versionId, fact, new Routing(fact, property -> { }), List.of(), failure, 0, timedOut);
    }
}
