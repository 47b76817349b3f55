package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rule base is evaluated once before it serves, so the first real lead of a version finds a session (and the rule
 * network) ready instead of paying for them inside its evaluation budget; the made-up lead leaves nothing behind.
 */
class RuleWarmUpTest {

    private static final String RULES = """
            package t;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "Q-1 German leads to the Germany queue"
            when
                Lead(country == "DE")
            then
                routing.routeToQueue("Germany");
            end

            rule "S-1 every lead with a rep on the roster scores"
            when
                Lead()
                Rep()
            then
                routing.addScore(5, "a rep exists");
            end
            """;

    @Test
    void activationEvaluatesOnceAndLeavesACleanSessionForTheFirstLead() {
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("rules/warm.drl", RULES.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(0, rules.sessions().idleCount(), "nothing evaluated before activation");

        new RuleEngine(null).activate(rules, "test");

        assertEquals(1, rules.sessions().idleCount(), "the warm-up's session is pooled for the first lead");
        Lead german = new Lead();
        german.setId("l-1");
        german.setCountry("DE");
        Evaluation first = rules.evaluate(german, List.of());
        assertEquals("Germany", first.routing().getTarget().value());
        assertEquals(0, first.lead().getScore(), "the warm-up's made-up rep is not in this session");
        assertEquals(List.of("Q-1 German leads to the Germany queue"),
                first.matchedRules().stream().map(m -> m.name()).toList());
    }
}
