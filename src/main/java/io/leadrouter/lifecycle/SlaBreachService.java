package io.leadrouter.lifecycle;

import io.leadrouter.config.SlaConfig;
import io.leadrouter.domain.Availability;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.decision.Decision;
import io.leadrouter.decision.Reassignment;
import io.leadrouter.routing.ReroutingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Fires one due SLA timer: re-routes the lead to the next eligible rep of its pool, excluding its previous
 * assignees (up to {@code routing.sla.exclude-depth}), or escalates it (after {@code routing.sla.max-breaches}
 * breaches, or when nobody else can take it); records the breach for the late rep and the rule, starts the new
 * assignment's clock, and lets the push-back outbox write the new owner to the CRM — all in one transaction.
 *
 * <p>Fires at most once per timer, whatever the number of instances: the timer's row is claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (another instance holding it is skipped, not waited for) and its status
 * re-checked under the lock; the transaction that fires it sets it to {@code BREACHED}. A touch arriving meanwhile
 * waits for the row and then finds the clock already breached.
 */
@ApplicationScoped
public class SlaBreachService {

    private static final Logger LOG = Logger.getLogger(SlaBreachService.class);

    private final SlaConfig config;
    private final ReroutingService rerouting;
    private final SlaPolicy policy;
    private final SlaClock clock;
    private final Outcomes outcomes;
    private final RepRepository reps;
    private final EntityManager em;
    private final Event<LeadReassigned> reassigned;
    private final LifecycleMetrics metrics;

    SlaBreachService(SlaConfig config, ReroutingService rerouting, SlaPolicy policy, SlaClock clock, Outcomes outcomes,
                     RepRepository reps, EntityManager em, Event<LeadReassigned> reassigned, LifecycleMetrics metrics) {
        this.config = config;
        this.rerouting = rerouting;
        this.policy = policy;
        this.clock = clock;
        this.outcomes = outcomes;
        this.reps = reps;
        this.em = em;
        this.reassigned = reassigned;
        this.metrics = metrics;
    }

    /**
     * Fires the timer if it is still running and due at {@code now} and no other transaction holds it.
     *
     * @param instance who fires it, recorded on the timer
     * @return the new decision, or null when the timer was not fired here
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Decision fire(UUID timerId, Instant now, String instance) {
        List<?> claimed = em.createNativeQuery("select id from sla_timer where id = ?1 and status = ?2 and due_at <= ?3"
                        + " for update skip locked")
                .setParameter(1, timerId).setParameter(2, SlaTimerEntity.RUNNING).setParameter(3, now)
                .getResultList();
        if (claimed.isEmpty()) {
            return null;
        }
        SlaTimerEntity timer = SlaTimerEntity.findById(timerId);
        AssignmentOutcomeEntity current = AssignmentOutcomeEntity.findById(timer.decisionId);
        List<AssignmentOutcomeEntity> chain = current == null ? List.of() : AssignmentOutcomeEntity
                .<AssignmentOutcomeEntity>find("rootDecisionId = ?1 order by assignedAt desc, decisionId",
                        current.rootDecisionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Set<String> excluded = new LinkedHashSet<>();
        excluded.add(timer.repId);
        for (AssignmentOutcomeEntity earlier : chain) {
            if (excluded.size() >= Math.max(1, config.excludeDepth())) {
                break;
            }
            excluded.add(earlier.repId);
        }
        Duration sla = Duration.parse(timer.sla);
        int breach = timer.breachesBefore + 1;
        boolean escalate = breach >= config.maxBreaches();
        String reason = "SLA breached after " + human(sla);
        Reassignment reassignment = new Reassignment(timer.decisionId, reason, breach, new ArrayList<>(excluded),
                timer.repId);
        Decision next = rerouting.reassign(timer.decisionId, reassignment, config.escalationQueue(), escalate,
                (rep, at) -> policy.sla(rep, new SlaPolicy.Chosen(sla, "same SLA as decision " + timer.decisionId), at),
                now);

        timer.status = SlaTimerEntity.BREACHED;
        timer.firedAt = now;
        timer.firedBy = instance;
        timer.nextDecisionId = next.decisionId();

        if (current != null) {
            AssignmentOutcomeEntity root = chain.stream().filter(AssignmentOutcomeEntity::isRoot).findFirst()
                    .orElse(current);
            outcomes.change(List.of(current, root), () -> {
                current.breached = true;
                if (current.endedAt == null) {
                    current.endedAt = now;
                    current.endReason = reason;
                }
                root.leadBreaches++;
            });
            if (next.assignee() != null) {
                outcomes.assigned(next.decisionId(), current.rootDecisionId, next.leadId(), next.assignee().id(),
                        current.ruleId, timer.pool, next.decidedAt());
            }
        }
        if (next.assignee() != null && next.sla() != null) {
            clock.start(next, next.assignee().id(), timer.pool, breach);
        }
        if (config.markLateRepAway()) {
            RepEntity late = reps.findById(timer.repId);
            if (late != null && late.availability == Availability.AVAILABLE) {
                late.availability = Availability.AWAY;
                late.updatedAt = now;
            }
        }
        reassigned.fire(new LeadReassigned(timer.decisionId, next));
        metrics.breach(next.assignee() != null ? "rerouted" : "escalated");
        LOG.infof("SLA timer %s of decision %s (lead %s, rep %s) breached: %s", timerId, timer.decisionId,
                timer.leadId, timer.repId, next.assignee() != null ? "re-routed to " + next.assignee().id()
                        : "escalated to " + next.queue());
        return next;
    }

    /** Marks a timer that cannot be fired (a bug or unreadable data) so it does not block the others. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(UUID timerId, String why) {
        SlaTimerEntity timer = SlaTimerEntity.findById(timerId);
        if (timer != null && SlaTimerEntity.RUNNING.equals(timer.status)) {
            timer.status = SlaTimerEntity.FAILED;
            timer.stopReason = why.length() > 500 ? why.substring(0, 500) : why;
        }
    }

    /** {@code 15 min}, {@code 4 h}, {@code 1 h 30 min}, {@code 2 days}: the reason's wording. */
    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.toSeconds() + " s";
        }
        if (minutes % (24 * 60) == 0) {
            long days = minutes / (24 * 60);
            return days + (days == 1 ? " day" : " days");
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
