package io.leadrouter.bench;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;

import java.util.List;

/**
 * The table routed by the product's engine, through the same call the service makes ({@link CompiledRules#evaluate}:
 * copy the lead, open a session, fire, record the matched rules).
 */
public final class DroolsRouter implements TerritoryRouter {

    private final CompiledRules rules;
    private final List<Rep> roster;

    public DroolsRouter(CompiledRules rules, List<Rep> roster) {
        this.rules = rules;
        this.roster = roster;
    }

    public static DroolsRouter compile(RuleSource table) {
        return new DroolsRouter(new RuleCompiler().compile(new RuleSourceSet(List.of(table))), List.of());
    }

    @Override
    public String teamFor(Lead lead) {
        Evaluation evaluation = rules.evaluate(lead, roster);
        if (evaluation.failed()) {
            throw new IllegalStateException("evaluation failed for lead " + lead.getId() + ": " + evaluation.failure());
        }
        RoutingTarget target = evaluation.routing().getTarget();
        if (target == null) {
            return null;
        }
        if (target.kind() != RoutingTarget.Kind.TEAM) {
            throw new IllegalStateException("expected a team for lead " + lead.getId() + ", got " + target);
        }
        return target.value();
    }

    public CompiledRules rules() {
        return rules;
    }
}
