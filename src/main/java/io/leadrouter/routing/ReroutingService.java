package io.leadrouter.routing;

import io.leadrouter.decision.Assignee;
import io.leadrouter.decision.Candidate;
import io.leadrouter.decision.Decision;
import io.leadrouter.decision.Explanation;
import io.leadrouter.decision.Reassignment;
import io.leadrouter.decision.Sla;

import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.distribution.Distribution;
import io.leadrouter.distribution.DistributionPolicy;
import io.leadrouter.distribution.DistributionStore;
import io.leadrouter.distribution.RosterCache;
import io.leadrouter.distribution.Placement;
import io.leadrouter.distribution.PoolSnapshot;
import io.leadrouter.distribution.Usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Routing;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Strategy;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.persistence.DecisionEntity;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.RepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Re-routes a lead whose assignee breached its SLA: the same pool (the target the deciding rule asked for, with its
 * tier requirement and strategy), the same fairness state and locks as a route, minus the previous assignees; or,
 * when nobody else can take it or it was breached too often, the escalation queue. The rules are not evaluated
 * again: the lead keeps the pool, score and priority it was routed with. The new decision is logged like any
 * other, counts toward fairness, and the breaching rep's count is credited back (open leads and their pool total).
 */
@ApplicationScoped
public class ReroutingService {

    private static final Logger LOG = Logger.getLogger(ReroutingService.class);
    private static final TypeReference<List<MatchedRule>> MATCHED_RULES = new TypeReference<>() { };

    private final DecisionRepository decisions;
    private final DecisionLog log;
    private final RepRepository reps;
    private final DistributionStore store;
    private final RosterCache rosterCache;
    private final Distribution distribution;
    private final ObjectMapper json;
    private final ObjectReader leadReader;

    ReroutingService(DecisionRepository decisions, DecisionLog log, RepRepository reps, DistributionStore store,
                     RoutingConfig config, ObjectMapper json, RosterCache rosterCache) {
        this.decisions = decisions;
        this.rosterCache = rosterCache;
        this.log = log;
        this.reps = reps;
        this.store = store;
        this.json = json;
        this.distribution = new Distribution(DistributionPolicy.from(config));
        // The snapshot holds derived getters too (emailDomain); they are not fields to set.
        this.leadReader = json.readerFor(Lead.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * @param reassignment    why, and whom to exclude ({@link Reassignment#excludedReps()})
     * @param escalationQueue where the lead goes when nobody else may take it
     * @param escalateNow     skip the re-route and escalate (too many breaches)
     * @param slaFor          the SLA of the new assignment, given its rep and the decision time
     * @param now             the decision time
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Decision reassign(UUID previousDecisionId, Reassignment reassignment, String escalationQueue,
                             boolean escalateNow, BiFunction<Rep, Instant, Sla> slaFor, Instant now) {
        DecisionEntity previous = decisions.findById(previousDecisionId);
        if (previous == null) {
            throw new IllegalArgumentException("Decision " + previousDecisionId + " is not in the log");
        }
        Lead lead = read(previous.leadSnapshot, leadReader);
        lead.setScore(previous.score);
        lead.setPriority(Priority.valueOf(previous.priority));
        Explanation before = read(previous.explanation, json.readerFor(Explanation.class));
        List<MatchedRule> matchedRules = read(previous.matchedRules, json.readerFor(MATCHED_RULES));
        RoutingTarget target = targetOf(before);
        Set<String> excluded = Set.copyOf(reassignment.excludedReps());

        Placement placement;
        PoolSnapshot snapshot = null;
        if (escalateNow || target == null || target.kind() == RoutingTarget.Kind.QUEUE) {
            placement = escalation(escalationQueue, before, List.of(), reassignment.reason() + ": escalated to "
                    + escalationQueue + (escalateNow ? " after " + reassignment.breach() + " breaches" : ""));
        } else {
            Evaluation evaluation = evaluation(previous, lead, before, target, matchedRules);
            List<Rep> roster = reps.roster();
            store.checkAvailability(roster, now); // holidays and working hours, as a route sees them
            store.lock(target, roster);
            snapshot = store.snapshot(target, roster, lead, now);
            placement = distribution.place(evaluation, roster, snapshot, now, excluded);
            // As in a route: caps are counted over every pool; recount under the rep's lock and pick again if needed.
            for (int attempt = 0; placement.rep() != null && attempt <= roster.size(); attempt++) {
                Rep chosen = placement.rep();
                if (chosen.getDailyCap() == 0 && chosen.getWeeklyCap() == 0 && chosen.getConditionalCaps().isEmpty()) {
                    break;
                }
                Usage fresh = store.lockAndRecount(chosen, lead.getSegment(), now);
                if (fresh.equals(snapshot.usageOf(chosen.getId()))) {
                    break;
                }
                snapshot = snapshot.withUsage(chosen.getId(), fresh);
                placement = distribution.place(evaluation, roster, snapshot, now, excluded);
            }
            if (placement.rep() == null) {
                Explanation tried = placement.explanation();
                placement = escalation(escalationQueue, before, tried.candidates(), reassignment.reason()
                        + ": nobody else in " + target + " can take it (" + tried.outcome() + "); escalated to "
                        + escalationQueue);
            } else {
                Explanation picked = placement.explanation();
                placement = placement.explainedAs(picked.withOutcome(reassignment.reason() + ": re" + picked.outcome())
                        .withScoreChanges(before.scoreChanges()));
            }
        }
        Rep rep = placement.rep();
        Decision decision = Decision.made(previous.leadId, rep == null ? null : Assignee.of(rep), placement.queue(),
                null, new Decision.Basis(previous.score, lead.getPriority(), matchedRules, previous.rulesVersion),
                placement.explanation(), rep == null ? null : slaFor.apply(rep, now), now).asReassignment(reassignment);
        DecisionLog.Prepared prepared = log.prepare(lead, matchedRules);
        log.record(decision, new DecisionLog.Prepared(lead, previous.leadSnapshot, previous.matchedRules,
                prepared.leadEmail()), placement.pool() != null ? placement.pool() : previous.pool);
        if (snapshot != null) {
            store.save(placement, snapshot, now);
        }
        if (rep != null) {
            reps.countAssignment(rep.getId());
            rosterCache.afterCommit(rep.getId(), 1);
        }
        creditBack(previous);
        LOG.infof("Decision %s: lead %s re-routed from decision %s (%s) -> %s", decision.decisionId(), previous.leadId,
                previousDecisionId, reassignment.reason(), rep != null ? "rep " + rep.getId() : "queue " + placement.queue());
        return decision;
    }

    /** The breaching rep gives the lead back: one open lead fewer, and one lead fewer from the pool. */
    private void creditBack(DecisionEntity previous) {
        if (previous.assigneeId == null) {
            return;
        }
        var em = decisions.getEntityManager();
        em.createNativeQuery("update rep set open_leads = open_leads - 1 where id = :id and open_leads > 0")
                .setParameter("id", previous.assigneeId).executeUpdate();
        rosterCache.afterCommit(previous.assigneeId, -1);
        if (previous.pool != null) {
            em.createNativeQuery("update pool_member set assigned_total = assigned_total - 1"
                            + " where pool_key = :pool and rep_id = :id and assigned_total > 0")
                    .setParameter("pool", previous.pool).setParameter("id", previous.assigneeId).executeUpdate();
        }
    }

    private static Placement escalation(String queue, Explanation before, List<Candidate> candidates, String outcome) {
        return Placement.toQueue(queue, Explanation.notAssigned(before.asked(), candidates, outcome, before.pool(), null),
                null);
    }

    /** The evaluation the previous decision was placed from, as far as distribution reads it. */
    private static Evaluation evaluation(DecisionEntity previous, Lead lead, Explanation before, RoutingTarget target,
                                         List<MatchedRule> matchedRules) {
        Routing routing = new Routing(lead, property -> { });
        routing.beginRule(before.decidedBy() == null ? "(re-route)" : before.decidedBy());
        String strategy = target.strategy() == null ? null : target.strategy().name();
        switch (target.kind()) {
            case TEAM -> routing.assignToTeam(target.value(), strategy);
            case SPECIALISTS -> routing.assignToSpecialists(target.value(), strategy);
            case REP -> routing.assignToRep(target.value());
            case QUEUE -> routing.routeToQueue(target.value());
        }
        if (before.minimumTier() != null) {
            routing.requireTier(Tier.valueOf(before.minimumTier()));
        }
        routing.endRule();
        return new Evaluation(previous.rulesVersion, lead, routing, matchedRules, null);
    }

    /** The target as {@link RoutingTarget#toString()} wrote it into the explanation, with the strategy it used. */
    static RoutingTarget targetOf(Explanation explanation) {
        String target = explanation.target();
        if (target == null) {
            return null;
        }
        Strategy strategy = null;
        if (explanation.strategy() != null) {
            try {
                strategy = Strategy.parse(explanation.strategy());
            } catch (IllegalArgumentException notAStrategy) {
                // "direct" or "sticky owner": the pool's own strategy applies.
            }
        }
        if (target.startsWith("team ")) {
            return new RoutingTarget(RoutingTarget.Kind.TEAM, target.substring(5), strategy);
        }
        if (target.startsWith("specialists in ")) {
            return new RoutingTarget(RoutingTarget.Kind.SPECIALISTS, target.substring(15), strategy);
        }
        if (target.startsWith("rep ")) {
            return new RoutingTarget(RoutingTarget.Kind.REP, target.substring(4));
        }
        if (target.startsWith("queue ")) {
            return new RoutingTarget(RoutingTarget.Kind.QUEUE, target.substring(6));
        }
        return null;
    }

    private static <T> T read(String document, ObjectReader reader) {
        try {
            return reader.readValue(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored decision document is unreadable", e);
        }
    }
}
