package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class RuleCompilerTest {

    private static RuleSource drl(String path, String text) {
        return new RuleSource(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scoreChangesAreVisibleToLowerSalienceRules() {
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(drl("rules/t.drl", """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "S-1 big company"
                    salience 1000
                when
                    Lead(employees > 500)
                then
                    routing.addScore(50, "big");
                end

                rule "A-1 hot lead to EMEA"
                    salience 100
                    activation-group "assignment"
                when
                    Lead(score >= 50)
                    $rep : Rep(eligible, territories contains "DE")
                then
                    routing.assignTo($rep);
                end
                """))));
        Lead lead = new Lead();
        lead.setId("L1");
        lead.setEmployees(1000);
        Rep rep = new Rep();
        rep.setId("r1");
        rep.setTerritories(Set.of("DE"));
        Evaluation e = rules.evaluate(lead, List.of(rep));
        assertNull(e.failure());
        assertEquals(50, e.lead().getScore());
        assertEquals(0, lead.getScore(), "caller's lead untouched");
        assertEquals(new RoutingTarget(RoutingTarget.Kind.REP, "r1"), e.routing().getTarget());
        assertEquals(List.of("S-1 big company", "A-1 hot lead to EMEA"), e.matchedRules().stream().map(m -> m.name()).toList());
        assertEquals("rules/t.drl", e.matchedRules().get(0).source());
        assertEquals(5, e.matchedRules().get(0).line());
    }

    @Test
    void everyErrorIsReportedWithFileAndLine() {
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(drl("rules/a.drl", "package a;\nrule \"x\" when\n  Nope()\nthen end\n"),
                        drl("rules/b.drl", "package b;\nrule \"y\" when then\n  int x = ;\nend\n")))));
        assertEquals(2, ex.errors().stream().map(RuleError::file).distinct().count(), ex.getMessage());
        assertTrue(ex.errors().stream().allMatch(err -> err.line() != null), ex.getMessage());
    }

    @Test
    void csvDecisionTableRowsAreTraced() {
        String csv = """
                RuleSet,t.csv
                Import,io.leadrouter.domain.Lead
                Variables,io.leadrouter.domain.Routing routing
                ,
                RuleTable Regions,
                NAME,CONDITION,ACTION
                ,Lead,
                ,"country == ""$param""\","routing.assignToTeam(""$param"");"
                Rule,Country,Team
                R-1 germany,DE,DACH
                R-2 france,FR,France
                """;
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("decision-tables/regions.csv", csv.getBytes(StandardCharsets.UTF_8)))));
        Lead lead = new Lead();
        lead.setCountry("FR");
        Evaluation e = rules.evaluate(lead, List.of());
        assertEquals("team France", e.routing().getTarget().toString());
        assertEquals(11, e.matchedRules().get(0).row());
        assertEquals("decision-table", e.matchedRules().get(0).kind());
    }
}
