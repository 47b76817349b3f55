package io.leadrouter.lifecycle;

import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.decision.Decision;
import io.leadrouter.routing.DecisionFollowUp;
import io.leadrouter.decision.Sla;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The lifecycle side of every route: the rules see the reps' performance figures, an assignment gets its SLA, and a
 * logged assignment starts its outcome row (counted for its rep and rule) and, with an SLA, its durable timer.
 */
@ApplicationScoped
public class SlaClock implements DecisionFollowUp {

    private final PerformanceFacts facts;
    private final SlaPolicy policy;
    private final Outcomes outcomes;

    SlaClock(PerformanceFacts facts, SlaPolicy policy, Outcomes outcomes) {
        this.facts = facts;
        this.policy = policy;
        this.outcomes = outcomes;
    }

    @Override
    public void beforeEvaluation(List<Rep> roster) {
        facts.apply(roster);
    }

    @Override
    public Sla slaFor(Rep assignee, RoutingTarget target, Priority priority, Duration requested, String requestedBy,
                      Instant decidedAt) {
        SlaPolicy.Chosen chosen = policy.choose(target, priority, requested, requestedBy);
        return chosen == null ? null : policy.sla(assignee, chosen, decidedAt);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(Decision decision, Rep assignee, String pool, String ruleId) {
        if (assignee == null) {
            return;
        }
        outcomes.assigned(decision.decisionId(), null, decision.leadId(), assignee.getId(), ruleId, pool,
                decision.decidedAt());
        if (decision.sla() != null) {
            start(decision, assignee.getId(), pool, 0);
        }
    }

    /** Starts the SLA timer of an assignment. */
    @Transactional(Transactional.TxType.MANDATORY)
    void start(Decision decision, String repId, String pool, int breachesBefore) {
        SlaTimerEntity timer = new SlaTimerEntity();
        timer.id = UUID.randomUUID();
        timer.decisionId = decision.decisionId();
        timer.leadId = decision.leadId();
        timer.repId = repId;
        timer.pool = pool;
        timer.sla = decision.sla().duration().toString();
        timer.startedAt = decision.decidedAt();
        timer.dueAt = decision.sla().dueAt();
        timer.breachesBefore = breachesBefore;
        timer.status = SlaTimerEntity.RUNNING;
        timer.persist();
    }
}
