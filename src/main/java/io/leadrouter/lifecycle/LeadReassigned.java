package io.leadrouter.lifecycle;

import io.leadrouter.decision.Decision;

import java.util.UUID;

/**
 * A CDI event, fired synchronously inside the transaction that re-routed (or escalated) a lead, so observers (the
 * CRM push-back outbox) write in the same transaction.
 *
 * @param previousDecisionId the decision that was breached
 * @param decision           the new decision
 */
public record LeadReassigned(UUID previousDecisionId, Decision decision) {
}
