package io.leadrouter.routing;

import io.leadrouter.decision.Assignee;
import io.leadrouter.decision.Decision;
import io.leadrouter.decision.Explanation;
import io.leadrouter.decision.Sla;

import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.distribution.Distribution;
import io.leadrouter.distribution.DistributionPolicy;
import io.leadrouter.distribution.DistributionStore;
import io.leadrouter.distribution.Placement;
import io.leadrouter.distribution.PoolSnapshot;
import io.leadrouter.distribution.RosterCache;
import io.leadrouter.distribution.Usage;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes one lead: evaluate the rules against the roster, place the lead, log the decision. */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final RuleEngine engine;
    private final RepRepository reps;
    private final DecisionLog log;
    private final Distribution distribution;
    private final DistributionStore store;
    private final RosterCache rosterCache;
    private final RoutingMetrics metrics;
    private final Session session;
    private final DecisionFollowUp followUp;

    public RoutingService(RuleEngine engine, RepRepository reps, DecisionLog log, RoutingConfig config,
                          DistributionStore store, RoutingMetrics metrics, Session session, DecisionFollowUp followUp,
                          RosterCache rosterCache) {
        this.engine = engine;
        this.rosterCache = rosterCache;
        this.followUp = followUp;
        this.session = session;
        this.reps = reps;
        this.log = log;
        this.store = store;
        this.metrics = metrics;
        this.distribution = new Distribution(DistributionPolicy.from(config));
    }

    /**
     * Routes into a pool hold the pool's row lock from before its state is read until the transaction commits, so
     * concurrent routes into one pool are serialized and fair. What does not depend on the pool's state (the roster,
     * the rules, the log row's lead and matched-rules documents) is done before the lock is taken. Dry runs read the
     * same state without the lock and without a transaction of their own (see {@link #dryRun}).
     *
     * @param dryRun answer the same decision but store and count nothing
     */
    public Decision route(Lead lead, boolean dryRun) {
        return dryRun ? dryRun(lead) : logged(lead);
    }

    /**
     * A real route. Outside a caller's transaction, the roster is read and the rules are evaluated before any
     * transaction begins, so no database connection is held while rules run, whatever they do; then one transaction
     * locks the pool, places the lead and records the decision ({@link #record}). Inside a caller's transaction it
     * all runs in that transaction; the evaluation's time
     * budget still bounds how long the rules keep its connection. Callers with a transaction of their own can
     * evaluate first and record inside it: {@link #evaluate} then {@link #record} (webhooks do).
     */
    Decision logged(Lead lead) {
        if (QuarkusTransaction.isActive()) {
            return route(lead, false, System.nanoTime());
        }
        // evaluate's @ActivateRequestContext applies to this self-call too (ArC intercepts self-invocation); the
        // transaction is opened here explicitly rather than through record's @Transactional on a self-call.
        Evaluated evaluated = evaluate(lead);
        return QuarkusTransaction.requiringNew().call(() -> place(evaluated.lead(), evaluated.roster(),
                evaluated.evaluation(), false, evaluated.startedNanos()));
    }

    /** A lead evaluated against the roster, not yet placed: what {@link #record} places and logs. */
    public record Evaluated(Lead lead, List<Rep> roster, Evaluation evaluation, long startedNanos) {
    }

    /**
     * Reads the roster and evaluates the rules, without a transaction (each read in autocommit, like a dry run), so
     * the rules run while no database connection is held.
     */
    @ActivateRequestContext
    public Evaluated evaluate(Lead lead) {
        long started = System.nanoTime();
        List<Rep> roster = rosterNow();
        return new Evaluated(lead, roster, engine.evaluate(lead, roster), started);
    }

    /** Locks the pool, places the evaluated lead and records the decision, in the caller's transaction or a new one. */
    @Transactional
    public Decision record(Evaluated evaluated) {
        return place(evaluated.lead(), evaluated.roster(), evaluated.evaluation(), false, evaluated.startedNanos());
    }

    /**
     * A dry run writes nothing, so it needs no transaction of its own: each of its few reads runs in autocommit, which
     * sees what a read-committed transaction would (every statement its own snapshot), without the transaction
     * manager's work and the commit round trip. Inside a caller's transaction it simply joins it. Read-only
     * (projections, nothing dirty-checked or flushed); the session's modes are restored in case the caller goes on.
     */
    @ActivateRequestContext
    Decision dryRun(Lead lead) {
        FlushMode flushMode = session.getHibernateFlushMode();
        boolean readOnly = session.isDefaultReadOnly();
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
        try {
            return route(lead, true, System.nanoTime());
        } finally {
            session.setHibernateFlushMode(flushMode);
            session.setDefaultReadOnly(readOnly);
        }
    }

    private Decision route(Lead lead, boolean dryRun, long started) {
        List<Rep> roster = rosterNow();
        return place(lead, roster, engine.evaluate(lead, roster), dryRun, started);
    }

    private Decision place(Lead lead, List<Rep> roster, Evaluation evaluation, boolean dryRun, long started) {
        RoutingTarget target = Distribution.targetOf(evaluation);
        DecisionLog.Prepared prepared = dryRun ? null : log.prepare(lead, evaluation.matchedRules());
        if (!dryRun) {
            store.lock(target, roster);
        }
        Instant now = Instant.now();
        PoolSnapshot snapshot = store.snapshot(target, roster, evaluation.lead(), now);
        // Placement judges capacity by the counts just read (under the pool's lock for a real route), not by the
        // cached counts the rules saw.
        withOpenLeads(roster, snapshot.openLeads());
        rosterCache.observed(snapshot.openLeads());
        Placement placement = distribution.place(evaluation, roster, snapshot, now);
        // Caps are counted over every pool, and another pool's route may have just given the chosen rep a lead:
        // lock the rep, count again, and pick again if the rep reached a cap meanwhile.
        for (int attempt = 0; !dryRun && placement.rep() != null && hasCaps(placement.rep()) && attempt <= roster.size(); attempt++) {
            Rep chosen = placement.rep();
            Usage fresh = store.lockAndRecount(chosen, evaluation.lead().getSegment(), now);
            if (fresh.equals(snapshot.usageOf(chosen.getId()))) {
                break;
            }
            snapshot = snapshot.withUsage(chosen.getId(), fresh);
            placement = distribution.place(evaluation, roster, snapshot, now);
        }
        Sla sla = placement.rep() == null ? null : followUp.slaFor(placement.rep(), target,
                evaluation.lead().getPriority(), evaluation.routing().getSla(), evaluation.routing().getSlaRule(), now);
        Decision decision = Decision.made(lead.getId(), placement.rep() == null ? null : Assignee.of(placement.rep()),
                placement.queue(), placement.hold(), new Decision.Basis(evaluation.lead().getScore(),
                        evaluation.lead().getPriority(), evaluation.matchedRules(), evaluation.rulesVersion()),
                withUnlistedRules(placement.explanation(), evaluation), sla, now);
        if (dryRun) {
            decision = decision.asDryRun();
        }
        if (evaluation.failed()) {
            LOG.warnf("Rules %s failed for lead %s, routed to fallback: %s", evaluation.rulesVersion(), lead.getId(),
                    evaluation.failure());
        }
        if (!dryRun) {
            log.record(decision, prepared, placement.pool());
            store.save(placement, snapshot, now);
            if (placement.rep() != null) {
                reps.countAssignment(placement.rep().getId());
                rosterCache.afterCommit(placement.rep().getId(), 1);
            }
            followUp.recorded(decision, placement.rep(), placement.pool(), evaluation.routing().getTargetRule() == null
                    ? null : RoutingMetrics.ruleId(evaluation.routing().getTargetRule()));
            // Ids only: names, emails and companies stay out of the log at info level.
            LOG.infof("Decision %s: lead %s -> %s (rules %s, %d rules fired)", decision.decisionId(), lead.getId(),
                    placement.rep() != null ? "rep " + placement.rep().getId()
                            : placement.hold() != null ? "hold" : "queue " + placement.queue(),
                    evaluation.rulesVersion(), evaluation.firedCount());
        }
        // A fallback is a lead the rules wanted a rep for (or never placed) that ended in a queue.
        boolean fallback = placement.rep() == null && placement.hold() == null
                && (target == null || target.kind() != RoutingTarget.Kind.QUEUE);
        metrics.recorded(decision, evaluation, fallback, Duration.ofNanos(System.nanoTime() - started));
        return decision;
    }

    /**
     * A rule set that fires more rules than {@code routing.rules.max-matched-rules} (a looping rule) has only the
     * first ones listed: the outcome says how many more fired, so the list is not mistaken for all of them.
     */
    private static Explanation withUnlistedRules(Explanation explanation, Evaluation evaluation) {
        if (evaluation.notRecorded() == 0) {
            return explanation;
        }
        String note = evaluation.notRecorded() + " more rules fired after the first " + evaluation.matchedRules().size()
                + " listed; not stored";
        return explanation.withOutcome(explanation.outcome() == null ? note : explanation.outcome() + " (" + note + ")");
    }

    /**
     * The roster (from memory, {@link RosterCache}) with each rep's availability at this moment: what rules see as
     * {@code Rep(eligible)}.
     */
    private List<Rep> rosterNow() {
        List<Rep> roster = rosterCache.roster();
        store.checkAvailability(roster, Instant.now());
        followUp.beforeEvaluation(roster);
        return roster;
    }

    private static void withOpenLeads(List<Rep> roster, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return;
        }
        for (Rep rep : roster) {
            Integer n = counts.get(rep.getId());
            if (n != null) {
                rep.setOpenLeads(n);
            }
        }
    }

    private static boolean hasCaps(Rep rep) {
        return rep.getDailyCap() > 0 || rep.getWeeklyCap() > 0 || !rep.getConditionalCaps().isEmpty();
    }
}
