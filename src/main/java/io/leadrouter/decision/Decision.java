package io.leadrouter.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Priority;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A routing decision: who (or which queue) gets the lead, and why.
 *
 * @param decisionId   identifies the decision in the log
 * @param leadId       the CRM's id of the lead
 * @param assignee     the rep, or null when the lead went to a queue
 * @param queue        the queue, or null when a rep got the lead
 * @param score        the lead score after the scoring rules
 * @param priority     the priority after the rules
 * @param matchedRules every rule that fired, in order, with its file and what it did
 * @param rulesVersion the rule version that decided
 * @param decidedAt    when
 * @param explanation  the pool, candidates and strategy behind the pick
 * @param dryRun       true when nothing was stored or counted
 * @param lead         the lead as received; only in answers read from the decision log
 * @param hold         set when the lead was held (nobody eligible, pool policy HOLD): no assignee, no queue
 * @param sla          the assignment's response SLA and due time, when one applies
 * @param reassignment set on a re-route: the decision it replaces and why ({@code "SLA breached after 15 min"})
 * @param duplicate    true when this answers a repeated route with the decision stored the first time: nothing was
 *                     routed, stored or counted this time (docs/idempotency.md)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(UUID decisionId, String leadId, Assignee assignee, String queue, int score, Priority priority,
                       List<MatchedRule> matchedRules, String rulesVersion, Instant decidedAt, Explanation explanation,
                       Boolean dryRun, @Schema(implementation = io.leadrouter.domain.Lead.class) JsonNode lead, Hold hold, Sla sla,
                       Reassignment reassignment, Boolean duplicate) {

    /**
     * What the rules made of the lead, the part of a decision that does not depend on distribution.
     *
     * @param score        the lead score after the scoring rules
     * @param priority     the priority after the rules
     * @param matchedRules every rule that fired, in order
     * @param rulesVersion the rule version that decided
     */
    public record Basis(int score, Priority priority, List<MatchedRule> matchedRules, String rulesVersion) {
    }

    /**
     * A decision routing (or a re-route) just made, under a new id. Exactly one of {@code assignee}, {@code queue}
     * and {@code hold} is set.
     *
     * @param sla the assignment's SLA, or null (queued, held, or no SLA applies)
     */
    public static Decision made(String leadId, Assignee assignee, String queue, Hold hold, Basis basis,
                                Explanation explanation, Sla sla, Instant decidedAt) {
        return new Decision(UUID.randomUUID(), leadId, assignee, queue, basis.score(), basis.priority(),
                basis.matchedRules(), basis.rulesVersion(), decidedAt, explanation, null, null, hold, sla, null, null);
    }

    /** A decision read back from the log, with the lead as it was received. */
    public static Decision stored(UUID decisionId, String leadId, Assignee assignee, String queue, Hold hold,
                                  Basis basis, Explanation explanation, Sla sla, Reassignment reassignment,
                                  Instant decidedAt, JsonNode lead) {
        return new Decision(decisionId, leadId, assignee, queue, basis.score(), basis.priority(), basis.matchedRules(),
                basis.rulesVersion(), decidedAt, explanation, null, lead, hold, sla, reassignment, null);
    }

    /** The same decision marked as a dry run: nothing was stored or counted. */
    public Decision asDryRun() {
        return new Decision(decisionId, leadId, assignee, queue, score, priority, matchedRules, rulesVersion,
                decidedAt, explanation, Boolean.TRUE, lead, hold, sla, reassignment, duplicate);
    }

    /** The same decision as the replacement of an earlier one. */
    public Decision asReassignment(Reassignment reassignment) {
        return new Decision(decisionId, leadId, assignee, queue, score, priority, matchedRules, rulesVersion,
                decidedAt, explanation, dryRun, lead, hold, sla, reassignment, duplicate);
    }

    /** The same decision without the lead snapshot: the shape of a route answer, for replays. */
    public Decision withoutLead() {
        return new Decision(decisionId, leadId, assignee, queue, score, priority, matchedRules, rulesVersion,
                decidedAt, explanation, dryRun, null, hold, sla, reassignment, duplicate);
    }

    /** The answer to a repeated route: this stored decision in the shape of a route answer, marked duplicate. */
    public Decision asDuplicate() {
        return new Decision(decisionId, leadId, assignee, queue, score, priority, matchedRules, rulesVersion,
                decidedAt, explanation, null, null, hold, sla, reassignment, Boolean.TRUE);
    }
}
