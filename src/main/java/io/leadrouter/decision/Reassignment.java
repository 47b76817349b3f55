package io.leadrouter.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * Why a decision replaced an earlier one of the same lead (an SLA breach).
 *
 * @param previousDecisionId the decision this one replaces
 * @param reason             {@code "SLA breached after 15 min"}
 * @param breach             how many times this lead's SLA has been breached, this one included
 * @param excludedReps       previous assignees who could not get the lead again
 * @param previousRepId      the rep who had the lead
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Reassignment(UUID previousDecisionId, String reason, int breach, List<String> excludedReps,
                           String previousRepId) {
}
