package io.leadrouter.routing;

import io.leadrouter.decision.Decision;

import io.leadrouter.domain.MatchedRule;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Routing metrics, exported at {@code /q/metrics}: route latency, decisions by outcome, rule matches per rule id,
 * and fallbacks by reason. Every tag has a bounded set of values.
 */
@ApplicationScoped
public class RoutingMetrics {

    private final MeterRegistry registry;

    public RoutingMetrics(MeterRegistry registry, RuleEngine engine) {
        this.registry = registry;
        // A rule that spins cannot be stopped: its thread is abandoned. Alert on this gauge staying above zero.
        Gauge.builder("leadrouter.rules.evaluations.stuck", engine, RuleEngine::stuckEvaluations)
                .description("Rule evaluations abandoned past their time budget whose thread is still in the rule")
                .register(registry);
        FunctionCounter.builder("leadrouter.rules.evaluations.timed.out", engine, RuleEngine::timedOutEvaluations)
                .description("Rule evaluations abandoned past their time budget (routing.rules.evaluation-timeout)")
                .register(registry);
    }

    void recorded(Decision decision, Evaluation evaluation, boolean fallback, Duration took) {
        boolean dryRun = Boolean.TRUE.equals(decision.dryRun());
        Timer.builder("leadrouter.route")
                .description("Time to route one lead: rules, distribution and decision log")
                .tag("dry_run", Boolean.toString(dryRun))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        if (dryRun) {
            return;
        }
        String outcome = decision.assignee() != null ? "assigned" : decision.hold() != null ? "held"
                : fallback ? "fallback" : "queued";
        // Tagged by outcome only: a tag per rep, queue or rules version would add series with every new rep and
        // every reload, forever. Per-rep and per-version figures come from the decision log (/api/pools,
        // /api/analytics/performance/reps, /api/decisions?rulesVersion=…&count=true).
        Counter.builder("leadrouter.decisions")
                .description("Routing decisions by outcome: assigned, queued, held, fallback")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        for (MatchedRule rule : decision.matchedRules()) {
            Counter.builder("leadrouter.rule.matches")
                    .description("Rule firings, by rule id (the first word of the rule name)")
                    .tag("rule", ruleId(rule.name()))
                    .register(registry)
                    .increment();
        }
        if (fallback) {
            Counter.builder("leadrouter.fallbacks")
                    .description("Leads sent to the fallback queue, by reason")
                    .tag("reason", evaluation.timedOut() ? "rules_timed_out" : evaluation.failed() ? "rules_failed"
                            : evaluation.routing().getTarget() == null ? "no_rule" : "no_eligible_rep")
                    .register(registry)
                    .increment();
        }
    }

    /** {@code "TERR-010 DACH enterprise"} → {@code "TERR-010"}: bounded tag values, stable across renames. */
    static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space > 0 ? ruleName.substring(0, space) : ruleName;
    }
}
