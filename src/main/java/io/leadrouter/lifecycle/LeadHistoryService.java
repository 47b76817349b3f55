package io.leadrouter.lifecycle;

import io.leadrouter.persistence.DecisionFilter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadrouter.decision.Decision;
import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.decision.Sla;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A lead's story from the decision log, its SLA clocks and its lifecycle events, in time order: assigned (with SLA
 * and due time) → SLA breached → reassigned → touched → converted.
 */
@ApplicationScoped
public class LeadHistoryService {

    /** How many decisions of one lead the history shows (a lead is re-routed a few times at most). */
    static final int MAX_DECISIONS = 200;

    /**
     * One step.
     *
     * @param kind {@code ASSIGNED}, {@code QUEUED}, {@code HELD}, {@code REASSIGNED}, {@code ESCALATED},
     *             {@code SLA_BREACHED}, {@code SLA_STOPPED}, {@code SLA_FAILED}, or an event type
     *             ({@code FIRST_TOUCH}, {@code CONVERTED} ...)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, String kind, UUID decisionId, String repId, String queue, String detail, Sla sla,
                        UUID previousDecisionId, String source, String eventId, String status, String ownerId,
                        BigDecimal amount) {
    }

    /**
     * @param currentDecisionId the latest decision
     * @param slaStatus         its SLA clock: {@code RUNNING}, {@code STOPPED}, {@code BREACHED}, or null without SLA
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(String leadId, UUID currentDecisionId, String repId, String queue, Sla sla, String slaStatus,
                          List<Entry> timeline) {
    }

    private final DecisionLog log;

    LeadHistoryService(DecisionLog log) {
        this.log = log;
    }

    /** The lead's history, or empty when it was never routed. */
    public Optional<History> of(String leadId) {
        List<Decision> decisions = new ArrayList<>(log.search(DecisionFilter.ofLead(leadId), 0, MAX_DECISIONS, false).items());
        if (decisions.isEmpty()) {
            return Optional.empty();
        }
        decisions.sort(Comparator.comparing(Decision::decidedAt));
        return Optional.of(QuarkusTransaction.requiringNew().call(() -> {
            List<Entry> timeline = new ArrayList<>();
            for (Decision d : decisions) {
                String rep = d.assignee() == null ? null : d.assignee().id();
                String kind = d.reassignment() != null ? (rep != null ? "REASSIGNED" : "ESCALATED")
                        : rep != null ? "ASSIGNED" : d.hold() != null ? "HELD" : "QUEUED";
                String detail = d.explanation() == null ? null : d.explanation().outcome();
                if (d.reassignment() == null && d.explanation() != null && d.explanation().decidedBy() != null) {
                    detail = detail + " (" + d.explanation().decidedBy() + ")";
                }
                timeline.add(new Entry(d.decidedAt(), kind, d.decisionId(), rep, d.queue(), detail, d.sla(),
                        d.reassignment() == null ? null : d.reassignment().previousDecisionId(), null, null, null,
                        null, null));
            }
            // Events before clock entries at the same instant: the touch, then the clock it stopped.
            for (LeadEventEntity e : LeadEventEntity.ofLead(leadId)) {
                timeline.add(new Entry(e.occurredAt, e.type, e.decisionId, e.repId, null, e.effect, null, null,
                        e.source, e.eventId, e.status, e.ownerId, e.amount));
            }
            List<SlaTimerEntity> timers = SlaTimerEntity.list("leadId = ?1 order by startedAt", leadId);
            for (SlaTimerEntity t : timers) {
                switch (t.status) {
                    case SlaTimerEntity.BREACHED -> timeline.add(new Entry(t.dueAt, "SLA_BREACHED", t.decisionId, t.repId,
                            null, "SLA " + t.sla + " not met by " + t.repId + "; handled at " + t.firedAt + " by "
                            + t.firedBy + ", next decision " + t.nextDecisionId, null, null, null, null, null, null, null));
                    case SlaTimerEntity.STOPPED -> timeline.add(new Entry(t.stoppedAt, "SLA_STOPPED", t.decisionId,
                            t.repId, null, t.stopReason, null, null, null, null, null, null, null));
                    case SlaTimerEntity.FAILED -> timeline.add(new Entry(t.dueAt, "SLA_FAILED", t.decisionId, t.repId,
                            null, t.stopReason, null, null, null, null, null, null, null));
                    default -> {
                    }
                }
            }
            timeline.sort(Comparator.comparing(Entry::at));
            Decision current = decisions.get(decisions.size() - 1);
            String slaStatus = timers.stream().filter(t -> t.decisionId.equals(current.decisionId())).map(t -> t.status)
                    .findFirst().orElse(null);
            return new History(leadId, current.decisionId(), current.assignee() == null ? null : current.assignee().id(),
                    current.queue(), current.sla(), slaStatus, List.copyOf(timeline));
        }));
    }
}
