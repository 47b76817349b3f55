package io.leadrouter.routing;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.persistence.RepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Routes one lead: evaluate the rules against the roster, place the lead, log the decision. */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final RuleEngine engine;
    private final RepRepository reps;
    private final DecisionLog log;
    private final Distribution distribution;
    private final RoutingMetrics metrics;
    private final String fallbackQueue;

    public RoutingService(RuleEngine engine, RepRepository reps, DecisionLog log, RoutingConfig config,
                          RoutingMetrics metrics) {
        this.engine = engine;
        this.reps = reps;
        this.log = log;
        this.metrics = metrics;
        this.fallbackQueue = config.fallbackQueue();
        this.distribution = new Distribution(fallbackQueue);
    }

    /**
     * @param dryRun answer the same decision but store and count nothing
     */
    @Transactional
    public Decision route(Lead lead, boolean dryRun) {
        long started = System.nanoTime();
        List<Rep> roster = reps.roster();
        Evaluation evaluation = engine.evaluate(lead, roster);
        Placement placement = distribution.place(evaluation, roster);
        Decision decision = new Decision(UUID.randomUUID(), lead.getId(),
                placement.rep() == null ? null : Assignee.of(placement.rep()), placement.queue(),
                evaluation.lead().getScore(), evaluation.lead().getPriority(), evaluation.matchedRules(),
                evaluation.rulesVersion(), Instant.now(), placement.explanation(), dryRun ? Boolean.TRUE : null, null);
        if (evaluation.failed()) {
            LOG.warnf("Rules %s failed for lead %s, routed to fallback: %s", evaluation.rulesVersion(), lead.getId(),
                    evaluation.failure());
        }
        if (!dryRun) {
            log.record(decision, lead);
            if (placement.rep() != null) {
                reps.countAssignment(placement.rep().getId());
            }
            // Ids only: names, emails and companies stay out of the log at info level.
            LOG.infof("Decision %s: lead %s -> %s (rules %s, %d rules fired)", decision.decisionId(), lead.getId(),
                    placement.rep() != null ? "rep " + placement.rep().getId() : "queue " + placement.queue(),
                    evaluation.rulesVersion(), evaluation.matchedRules().size());
        }
        boolean fallback = placement.rep() == null && fallbackQueue.equals(placement.queue())
                && !(evaluation.routing().getTarget() != null
                && evaluation.routing().getTarget().kind() == io.leadrouter.domain.RoutingTarget.Kind.QUEUE
                && fallbackQueue.equals(evaluation.routing().getTarget().value()));
        metrics.recorded(decision, evaluation, fallback, Duration.ofNanos(System.nanoTime() - started));
        return decision;
    }
}
