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
 * @param matchedRules every rule that fired, in firing order
 * @param failure      why evaluation stopped early (a rule threw, or looped), or {@code null}
 */
public record Evaluation(String rulesVersion, Lead lead, Routing routing, List<MatchedRule> matchedRules, String failure) {

    public boolean failed() {
        return failure != null;
    }

    Evaluation onVersion(String versionId) {
        return new Evaluation(versionId, lead, routing, matchedRules, failure);
    }
}
