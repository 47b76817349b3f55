package io.leadrouter.lifecycle;

import io.leadrouter.persistence.WriteConflicts;
import io.leadrouter.config.LifecycleConfig;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Takes in lifecycle events from every source, exactly once per (source, event id): the event row, what it changes
 * in the outcomes and counters, and a stopped SLA clock are written in one transaction, and a re-sent event answers
 * the stored result. Events may arrive in any order: each is attributed to the lead's assignment current when it
 * <em>occurred</em>, first touches keep the earliest time, conversions the latest amount, so the result does not
 * depend on the order of arrival.
 *
 * <p>Events for a lead this service never routed are refused (404, nothing stored): there is no assignment to
 * credit and no clock to stop, and keeping them for a lead that may never come would store whatever a CRM sends for
 * every record it has. The CRM remains the system of record and may send them again once the lead is routed.
 */
@ApplicationScoped
public class LeadEventService {

    private static final Logger LOG = Logger.getLogger(LeadEventService.class);
    private static final int MAX_COLLISIONS = 40;
    private static final Set<LeadEventType> TOUCHES = Set.of(LeadEventType.FIRST_TOUCH, LeadEventType.STATUS_CHANGED,
            LeadEventType.QUALIFIED, LeadEventType.DISQUALIFIED, LeadEventType.CONVERTED);

    private final LifecycleConfig config;
    private final Outcomes outcomes;
    private final SlaPolicy policy;
    private final CrmOwners owners;
    private final RepRepository reps;
    private final DecisionRepository decisions;
    private final EntityManager em;
    private final LifecycleMetrics metrics;
    private final Set<String> untouched;

    LeadEventService(LifecycleConfig config, Outcomes outcomes, SlaPolicy policy, CrmOwners owners, RepRepository reps,
                     DecisionRepository decisions, EntityManager em, LifecycleMetrics metrics) {
        this.config = config;
        this.outcomes = outcomes;
        this.policy = policy;
        this.owners = owners;
        this.reps = reps;
        this.decisions = decisions;
        this.em = em;
        this.metrics = metrics;
        this.untouched = config.untouchedStatuses().stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What is wrong with the event, field by field; empty when it may be recorded. */
    public List<Problem.FieldError> problems(LeadEvent event, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (event.eventId() == null || event.eventId().isBlank()) {
            errors.add(new Problem.FieldError("eventId", "is required: the sender's id of the event, the same on every retry"));
        } else if (event.eventId().length() > 200) {
            errors.add(new Problem.FieldError("eventId", "must be at most 200 characters"));
        }
        if (event.type() == null) {
            errors.add(new Problem.FieldError("type", "is required: one of " + LeadEventType.allowed()));
        }
        if (event.occurredAt() == null) {
            errors.add(new Problem.FieldError("occurredAt", "is required: when it happened (ISO-8601 instant)"));
        } else if (event.occurredAt().isAfter(now.plus(config.maxClockSkew()))) {
            errors.add(new Problem.FieldError("occurredAt", "is in the future (" + event.occurredAt()
                    + "); at most " + config.maxClockSkew() + " ahead of our clock (" + now + ") is accepted"));
        }
        if (event.amount() != null) {
            if (event.type() != null && event.type() != LeadEventType.CONVERTED) {
                errors.add(new Problem.FieldError("amount", "is only for CONVERTED events"));
            } else if (event.amount().signum() < 0) {
                errors.add(new Problem.FieldError("amount", "must be greater than or equal to 0"));
            } else if (event.amount().scale() > 2 || event.amount().precision() - event.amount().scale() > 17) {
                errors.add(new Problem.FieldError("amount", "must have at most 17 digits and 2 decimals"));
            }
        }
        if (event.type() == LeadEventType.STATUS_CHANGED && (event.status() == null || event.status().isBlank())) {
            errors.add(new Problem.FieldError("status", "is required for STATUS_CHANGED: the new CRM status"));
        }
        if (event.type() == LeadEventType.OWNER_CHANGED && (event.ownerId() == null || event.ownerId().isBlank())) {
            errors.add(new Problem.FieldError("ownerId", "is required for OWNER_CHANGED: the new CRM owner"));
        }
        if (event.status() != null && event.status().length() > 200) {
            errors.add(new Problem.FieldError("status", "must be at most 200 characters"));
        }
        if (event.ownerId() != null && event.ownerId().length() > 128) {
            errors.add(new Problem.FieldError("ownerId", "must be at most 128 characters"));
        }
        if (event.actor() != null && event.actor().length() > 200) {
            errors.add(new Problem.FieldError("actor", "must be at most 200 characters"));
        }
        return errors;
    }

    /** True when the lead has a decision in the log. */
    public boolean routed(String leadId) {
        return QuarkusTransaction.requiringNew().call(() -> decisions.count("leadId", leadId) > 0);
    }

    /**
     * Records the event, or answers the stored receipt if this source sent this event id before.
     *
     * @throws ProblemException 400 for a bad event, 404 for a lead never routed, 409 for an event id reused for a
     *                          different event, 503 when the database cannot store it
     */
    public EventReceipt record(EventSource source, String leadId, LeadEvent sent) {
        // Stored with microseconds (both databases): compared with a retry's as stored.
        LeadEvent event = sent.occurredAt() == null ? sent : new LeadEvent(sent.eventId(), sent.type(),
                sent.occurredAt().truncatedTo(ChronoUnit.MICROS), sent.amount(), sent.status(), sent.ownerId(), sent.actor());
        List<Problem.FieldError> errors = problems(event, Instant.now());
        if (leadId == null || leadId.isBlank() || leadId.length() > 128) {
            errors.add(0, new Problem.FieldError("leadId", "must be 1 to 128 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        for (int attempt = 0; attempt < MAX_COLLISIONS; attempt++) {
            Optional<EventReceipt> stored = QuarkusTransaction.requiringNew().call(() -> LeadEventEntity
                    .find(source, event.eventId()).map(e -> duplicate(e, leadId, event)));
            if (stored.isPresent()) {
                metrics.event(source, event.type(), "duplicate");
                return stored.get();
            }
            try {
                EventReceipt receipt = QuarkusTransaction.requiringNew().call(() -> apply(source, leadId, event));
                metrics.event(source, event.type(), "recorded");
                return receipt;
            } catch (ProblemException e) {
                if (e.problem().status() == 404) {
                    metrics.event(source, event.type(), "not_routed");
                }
                throw e;
            } catch (RuntimeException e) {
                if (!isCollision(e)) {
                    throw e;
                }
                LOG.debugf("Event %s/%s collided with a concurrent one; re-reading", source.key(), event.eventId());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                "Storage unavailable", "Event " + event.eventId() + " is being stored by a concurrent request; retry shortly"));
    }

    private EventReceipt duplicate(LeadEventEntity stored, String leadId, LeadEvent event) {
        boolean same = stored.leadId.equals(leadId) && stored.type.equals(event.type().name())
                && stored.occurredAt.equals(event.occurredAt()) && Objects.equals(stored.status, event.status())
                && Objects.equals(stored.ownerId, event.ownerId())
                && (stored.amount == null ? event.amount() == null
                        : event.amount() != null && stored.amount.compareTo(event.amount()) == 0);
        if (!same) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "event-id-conflict", "Event id already used",
                    "Event " + event.eventId() + " was received before with different content (lead " + stored.leadId
                            + ", " + stored.type + " at " + stored.occurredAt + "); an event id names one event"));
        }
        return EventReceipt.of(stored, true);
    }

    private EventReceipt apply(EventSource source, String leadId, LeadEvent event) {
        if (decisions.count("leadId", leadId) == 0) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "lead-not-routed", "Lead not routed",
                    "Lead " + leadId + " has never been routed by this service, so there is no assignment to apply "
                            + "the event to; nothing was stored. Route the lead first (POST /api/route or a webhook)"));
        }
        Instant now = Instant.now();
        LeadEventEntity row = new LeadEventEntity();
        row.id = UUID.randomUUID();
        row.source = source.key();
        row.eventId = event.eventId();
        row.leadId = leadId;
        row.type = event.type().name();
        row.occurredAt = event.occurredAt();
        row.receivedAt = now;
        row.amount = event.amount();
        row.status = event.status();
        row.ownerId = event.ownerId();
        row.actor = event.actor();
        // Claims the event id at once: a concurrent copy fails on the unique key, or waits for this transaction.
        row.persistAndFlush();

        // The lead's clocks, then its outcome rows: the order an SLA breach takes them in.
        em.createNativeQuery("select id from sla_timer where lead_id = ?1 order by id for update")
                .setParameter(1, leadId).getResultList();
        List<AssignmentOutcomeEntity> chain = AssignmentOutcomeEntity
                .<AssignmentOutcomeEntity>find("leadId = ?1 order by assignedAt, decisionId", leadId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (chain.isEmpty()) {
            row.effect = "the lead went to a queue or was held, never to a rep: no assignment to count it for";
            return EventReceipt.of(row, false);
        }
        AssignmentOutcomeEntity attributed = chain.get(0);
        for (AssignmentOutcomeEntity a : chain) {
            if (!a.assignedAt.isAfter(event.occurredAt())) {
                attributed = a;
            }
        }
        AssignmentOutcomeEntity assignment = attributed;
        AssignmentOutcomeEntity root = chain.stream().filter(a -> a.decisionId.equals(assignment.rootDecisionId))
                .findFirst().orElse(assignment);
        row.decisionId = assignment.decisionId;
        row.repId = assignment.repId;
        List<String> effects = new ArrayList<>();
        outcomes.change(List.of(assignment, root), () -> effects.addAll(change(assignment, root, event)));
        String sla = clock(assignment, event);
        if (sla != null) {
            effects.add(sla);
        }
        String effect = effects.isEmpty() ? "nothing changed" : String.join("; ", effects);
        row.effect = effect.length() > 1000 ? effect.substring(0, 1000) : effect;
        LOG.infof("Event %s/%s (%s) for lead %s attributed to decision %s: %s", source.key(), event.eventId(),
                event.type(), leadId, assignment.decisionId, row.effect);
        return EventReceipt.of(row, false);
    }

    /** Applies the event to the attributed assignment and the lead (the chain's root); answers what it did. */
    private List<String> change(AssignmentOutcomeEntity a, AssignmentOutcomeEntity root, LeadEvent event) {
        List<String> effects = new ArrayList<>();
        Instant at = event.occurredAt();
        if (isTouch(event)) {
            Instant touchAt = at.isBefore(a.assignedAt) ? a.assignedAt : at;
            if (a.firstTouchAt == null || touchAt.isBefore(a.firstTouchAt)) {
                Duration took = workingTime(a.repId, a.assignedAt, touchAt);
                effects.add((a.firstTouchAt == null ? "first touch " : "earlier first touch ") + minutes(took)
                        + " (working time) after assignment to " + a.repId);
                a.firstTouchAt = touchAt;
                a.firstTouchSeconds = seconds(took);
            }
            Instant leadTouchAt = at.isBefore(root.assignedAt) ? root.assignedAt : at;
            if (root.leadFirstTouchAt == null || leadTouchAt.isBefore(root.leadFirstTouchAt)) {
                root.leadFirstTouchAt = leadTouchAt;
                root.leadFirstTouchSeconds = seconds(workingTime(root.repId, root.assignedAt, leadTouchAt));
            }
        } else if (event.type() == LeadEventType.STATUS_CHANGED) {
            effects.add("status " + event.status() + " means not worked yet: not a touch");
        }
        switch (event.type()) {
            case QUALIFIED -> {
                a.qualifiedAt = earliest(a.qualifiedAt, at);
                root.leadQualifiedAt = earliest(root.leadQualifiedAt, at);
                effects.add("qualified");
            }
            case DISQUALIFIED -> {
                a.disqualifiedAt = earliest(a.disqualifiedAt, at);
                root.leadDisqualifiedAt = earliest(root.leadDisqualifiedAt, at);
                effects.add("disqualified");
            }
            case CONVERTED -> {
                a.convertedAt = earliest(a.convertedAt, at);
                root.leadConvertedAt = earliest(root.leadConvertedAt, at);
                if (event.amount() != null) {
                    if (a.wonAmountAt == null || !at.isBefore(a.wonAmountAt)) {
                        a.wonAmount = event.amount();
                        a.wonAmountAt = at;
                    }
                    if (root.leadWonAmountAt == null || !at.isBefore(root.leadWonAmountAt)) {
                        root.leadWonAmount = event.amount();
                        root.leadWonAmountAt = at;
                    }
                }
                effects.add("converted" + (event.amount() == null ? "" : ", won " + event.amount().toPlainString())
                        + ", credited to " + a.repId + " and rule " + root.ruleId);
            }
            case OWNER_CHANGED -> {
                if (owners.isRep(event.ownerId(), a.repId)) {
                    effects.add("owner " + event.ownerId() + " is the assignee " + a.repId + " (our push-back): nothing to do");
                } else if (a.endedAt == null || at.isBefore(a.endedAt)) {
                    a.endedAt = at;
                    a.endReason = "owner changed in the CRM to " + event.ownerId()
                            + (event.actor() == null ? "" : " by " + event.actor());
                    effects.add(a.endReason);
                }
            }
            default -> {
            }
        }
        return effects;
    }

    /** Stops the attributed assignment's SLA clock when a touch, or an owner change by a person, came in time. */
    private String clock(AssignmentOutcomeEntity a, LeadEvent event) {
        boolean stops = isTouch(event) || (event.type() == LeadEventType.OWNER_CHANGED
                && !owners.isRep(event.ownerId(), a.repId));
        if (!stops) {
            return null;
        }
        SlaTimerEntity timer = SlaTimerEntity.forDecision(a.decisionId);
        if (timer == null) {
            return null;
        }
        Instant at = event.occurredAt().isBefore(a.assignedAt) ? a.assignedAt : event.occurredAt();
        if (at.isAfter(timer.dueAt)) {
            return "too late for the SLA (due " + timer.dueAt + ")" + (SlaTimerEntity.BREACHED.equals(timer.status)
                    ? ": it was breached and the lead re-routed" : "");
        }
        String reason = (isTouch(event) ? "touched (" + event.type() + ")" : "owner changed in the CRM to "
                + event.ownerId()) + " at " + at + ", " + minutes(Duration.between(at, timer.dueAt)) + " before due";
        int stopped = em.createNativeQuery("update sla_timer set status = ?1, stopped_at = ?2, stop_reason = ?3"
                        + " where id = ?4 and status = ?5")
                .setParameter(1, SlaTimerEntity.STOPPED).setParameter(2, at).setParameter(3, reason)
                .setParameter(4, timer.id).setParameter(5, SlaTimerEntity.RUNNING).executeUpdate();
        if (stopped == 1) {
            metrics.stopped(isTouch(event) ? "touched" : "owner_changed");
            return "stopped the SLA clock " + minutes(Duration.between(at, timer.dueAt)) + " before due";
        }
        return SlaTimerEntity.BREACHED.equals(timer.status)
                ? "in time for the SLA, but the notice came after the breach was handled: the lead stays re-routed"
                : null;
    }

    private boolean isTouch(LeadEvent event) {
        if (!TOUCHES.contains(event.type())) {
            return false;
        }
        return event.type() != LeadEventType.STATUS_CHANGED
                || !untouched.contains(event.status().trim().toLowerCase(Locale.ROOT));
    }

    private Duration workingTime(String repId, Instant from, Instant to) {
        RepEntity rep = reps.findById(repId);
        return policy.workingTime(rep == null ? null : rep.toRep(), from, to);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    /** Whole seconds, rounded: timestamps are stored with microseconds, so a 4-minute gap may read 3:59.999999. */
    static long seconds(Duration d) {
        return Math.round(d.toNanos() / 1e9);
    }

    static String minutes(Duration d) {
        long s = seconds(d);
        return s < 60 ? s + " s" : SlaBreachService.human(Duration.ofMinutes(Math.round(s / 60.0)));
    }

    private static boolean isCollision(Throwable e) {
        return WriteConflicts.isConflict(e);
    }
}
