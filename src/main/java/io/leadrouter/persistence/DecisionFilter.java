package io.leadrouter.persistence;

import java.time.Instant;

/**
 * What a decision-log search narrows by; null parts are ignored.
 *
 * @param leadId       the lead
 * @param repId        the assignee
 * @param queueOrTeam  the queue, or the pool's team or specialty (case-insensitive)
 * @param ruleId       a matched rule whose name starts with it ({@code TERR-010})
 * @param rulesVersion the rule version that decided ({@code v3-ff0a2b4444ac})
 * @param from         decided at or after (inclusive)
 * @param to           decided before (exclusive)
 */
public record DecisionFilter(String leadId, String repId, String queueOrTeam, String ruleId, String rulesVersion,
                             Instant from, Instant to) {

    public static DecisionFilter ofLead(String leadId) {
        return new DecisionFilter(leadId, null, null, null, null, null, null);
    }
}
