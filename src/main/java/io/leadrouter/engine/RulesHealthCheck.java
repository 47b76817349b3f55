package io.leadrouter.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a compiled rule version is active: without one, no lead can be routed. */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    private final RuleEngine engine;

    public RulesHealthCheck(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            ActiveRules active = engine.active();
            return HealthCheckResponse.named("rules").up()
                    .withData("version", active.version().id())
                    .withData("rules", active.rules().ruleCount())
                    .withData("activatedAt", active.version().activatedAt().toString())
                    .build();
        } catch (IllegalStateException e) {
            return HealthCheckResponse.named("rules").down().withData("reason", e.getMessage()).build();
        }
    }
}
