package io.leadrouter.rules;

import io.leadrouter.domain.Lead;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Pins the Drools behaviours rules/README.md promises to sales ops (null handling, custom attributes). */
class DroolsSemanticsTest {

    private static final CompiledRules RULES = new RuleCompiler().compile(new RuleSourceSet(List.of(new RuleSource(
            "rules/semantics.drl", """
            package semantics;
            import io.leadrouter.domain.*;
            global io.leadrouter.domain.Routing routing;
            rule "N-1 null compares false" when Lead(annualRevenue >= 1) then routing.addScore(1); end
            rule "N-2 null not-equals true" when Lead(industry != "Healthcare") then routing.addScore(10); end
            rule "N-3 attribute" when Lead(attribute("campaign") == "Q3-EMEA") @watch(!*) then routing.addScore(100); end
            rule "N-4 attribute map" when Lead(attributes["campaign"] == "Q3-EMEA") @watch(!*) then routing.addScore(1000); end
            """.getBytes(StandardCharsets.UTF_8)))));

    /** Without @watch(!*), a condition calling a method (or reading a map) re-fires on every score change. */
    private static final CompiledRules LOOPING = new RuleCompiler().compile(new RuleSourceSet(List.of(new RuleSource(
            "rules/loop.drl", """
            package loop;
            import io.leadrouter.domain.*;
            global io.leadrouter.domain.Routing routing;
            rule "L-1 attribute without watch" when Lead(attribute("campaign") == "Q3-EMEA") then routing.addScore(1); end
            """.getBytes(StandardCharsets.UTF_8)))));

    @Test
    void method_call_conditions_refire_on_every_lead_change_unless_watch_is_narrowed() {
        Lead lead = new Lead();
        lead.setAttributes(Map.of("campaign", "Q3-EMEA"));
        var e = LOOPING.evaluate(lead, List.of());
        assertNotNull(e.failure(), "the engine stops the loop and reports it");
        assertTrue(e.failure().contains("re-triggering"), e.failure());
    }

    @Test
    void null_fields_compare_false_but_not_equal_is_true() {
        Lead lead = new Lead();
        assertEquals(10, RULES.evaluate(lead, List.of()).lead().getScore());
    }

    @Test
    void custom_attributes_are_readable_both_ways() {
        Lead lead = new Lead();
        lead.setIndustry("Healthcare");
        lead.setAttributes(Map.of("campaign", "Q3-EMEA"));
        var e = RULES.evaluate(lead, List.of());
        assertNull(e.failure());
        assertEquals(1100, e.lead().getScore());
    }
}
