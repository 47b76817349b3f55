package io.leadrouter.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a compiled rule version is active and some evaluation thread is free of a stuck rule: without
 * either, no lead can be routed by the rules. Stuck and timed-out evaluations are reported while still ready (the
 * other threads keep routing), so a degraded service shows before it stops.
 */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    private final RuleEngine engine;

    public RulesHealthCheck(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        ActiveRules active;
        try {
            active = engine.active();
        } catch (IllegalStateException e) {
            return HealthCheckResponse.named("rules").down().withData("reason", e.getMessage()).build();
        }
        int stuck = engine.stuckEvaluations();
        int threads = engine.evaluationThreads();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rules")
                .withData("version", active.version().id())
                .withData("rules", active.rules().ruleCount())
                .withData("activatedAt", active.version().activatedAt().toString())
                .withData("stuckEvaluations", stuck)
                .withData("evaluationThreads", threads)
                .withData("timedOutEvaluations", engine.timedOutEvaluations());
        int timeouts = active.rules().timeouts().size();
        if (timeouts > 0) {
            response.withData("rulesPastBudget", timeouts);
        }
        int refusals = active.rules().refusals().size();
        if (refusals > 0) {
            response.withData("rulesRefusedAtRunTime", refusals);
        }
        response.withData("runTimeGuard", RuleSandbox.guarded());
        if (stuck >= threads) {
            return response.down().withData("reason", "every rule evaluation thread is stuck in a rule that does not "
                    + "return; leads go to the fallback queue unevaluated until the process restarts").build();
        }
        if (stuck > 0) {
            response.withData("degraded", stuck + " of " + threads + " rule evaluation threads are stuck in a rule "
                    + "that does not return");
        }
        return response.up().build();
    }
}
