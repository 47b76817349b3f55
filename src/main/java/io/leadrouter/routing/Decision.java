package io.leadrouter.routing;

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

    /** A decision as made (not a repeat's answer). */
    public Decision(UUID decisionId, String leadId, Assignee assignee, String queue, int score, Priority priority,
                    List<MatchedRule> matchedRules, String rulesVersion, Instant decidedAt, Explanation explanation,
                    Boolean dryRun, JsonNode lead, Hold hold, Sla sla, Reassignment reassignment) {
        this(decisionId, leadId, assignee, queue, score, priority, matchedRules, rulesVersion, decidedAt, explanation,
                dryRun, lead, hold, sla, reassignment, null);
    }

    /** A decision without SLA or re-route information. */
    public Decision(UUID decisionId, String leadId, Assignee assignee, String queue, int score, Priority priority,
                    List<MatchedRule> matchedRules, String rulesVersion, Instant decidedAt, Explanation explanation,
                    Boolean dryRun, JsonNode lead, Hold hold) {
        this(decisionId, leadId, assignee, queue, score, priority, matchedRules, rulesVersion, decidedAt, explanation,
                dryRun, lead, hold, null, null);
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
