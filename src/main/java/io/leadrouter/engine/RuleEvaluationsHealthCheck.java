package io.leadrouter.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while some rule evaluation thread is free. A thread that spins in a rule cannot be stopped from inside the
 * JVM; once every one is stuck, only a restart gives the threads back, so liveness goes DOWN and the supervisor
 * restarts the process (the rule is reported in {@code GET /api/rules}, lastAttempt.warnings, to be fixed first).
 */
@Liveness
@ApplicationScoped
public class RuleEvaluationsHealthCheck implements HealthCheck {

    private final RuleEngine engine;

    public RuleEvaluationsHealthCheck(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        int stuck = engine.stuckEvaluations();
        int threads = engine.evaluationThreads();
        return HealthCheckResponse.named("rule-evaluations").status(stuck < threads)
                .withData("stuckEvaluations", stuck)
                .withData("evaluationThreads", threads)
                .withData("timedOutEvaluations", engine.timedOutEvaluations())
                .build();
    }
}
