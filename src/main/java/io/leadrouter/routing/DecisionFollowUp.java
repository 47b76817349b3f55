package io.leadrouter.routing;

import io.leadrouter.decision.Decision;
import io.leadrouter.decision.Sla;

import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens around a route beyond placing the lead: the lead lifecycle ({@code io.leadrouter.lifecycle}) gives
 * the rules the reps' performance figures, computes the assignment's SLA, and starts its clock and counters. An
 * interface here so that routing does not depend on the lifecycle package.
 */
public interface DecisionFollowUp {

    /** Sets the performance figures on the roster's rep facts before the rules see them. In memory, no query. */
    void beforeEvaluation(List<Rep> roster);

    /**
     * The SLA of an assignment to {@code assignee}, or null when none applies.
     *
     * @param target      what the deciding rule asked for (pool SLAs are configured by team or specialty)
     * @param requested   the SLA a rule set ({@code routing.sla("PT15M")}), or null for the configured one
     * @param requestedBy who set {@code requested}
     */
    Sla slaFor(Rep assignee, RoutingTarget target, Priority priority, Duration requested, String requestedBy,
               Instant decidedAt);

    /**
     * A decision was logged (never for dry runs), in the route's transaction.
     *
     * @param assignee the rep who got the lead, or null
     * @param ruleId   the id of the rule whose assignment stood ({@code TERR-010}), or null
     */
    void recorded(Decision decision, Rep assignee, String pool, String ruleId);
}
