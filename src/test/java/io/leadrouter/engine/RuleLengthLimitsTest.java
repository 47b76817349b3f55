package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 15 item 3: names a rule hands to the database must fit its columns, or the version is refused. */
class RuleLengthLimitsTest {

    private static CompiledRules compile(String path, String text) {
        return new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource(path, text.getBytes(StandardCharsets.UTF_8)))));
    }

    private static String drl(String action) {
        return """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "Q-1 long name"
                when
                    Lead()
                then
                    %s
                end
                """.formatted(action);
    }

    @Test
    void queueLiteralOverTheColumnIsRefusedWithFileAndLine() {
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> compile("rules/q.drl", drl("routing.routeToQueue(\"" + "q".repeat(201) + "\");")));
        RuleError error = e.errors().get(0);
        assertEquals("rules/q.drl", error.file());
        assertEquals(9, error.line());
        assertTrue(error.message().contains("201 characters"), error.message());
        assertTrue(error.message().contains("200"), error.message());
    }

    @Test
    void queueLiteralAtTheLimitCompiles() {
        CompiledRules rules = compile("rules/q.drl", drl("routing.routeToQueue(\"" + "q".repeat(200) + "\");"));
        assertEquals(1, rules.ruleCount());
    }

    @Test
    void teamAndSpecialtyWhosePoolKeyIsTooLongAreRefused() {
        // team:<295 chars> is 300: fits; one more does not.
        assertEquals(1, compile("rules/t.drl", drl("routing.assignToTeam(\"" + "t".repeat(295) + "\");")).ruleCount());
        RuleCompilationException team = assertThrows(RuleCompilationException.class,
                () -> compile("rules/t.drl", drl("routing.assignToTeam(\"" + "t".repeat(296) + "\", \"WEIGHTED\");")));
        assertEquals(9, team.errors().get(0).line());
        assertTrue(team.errors().get(0).message().contains("301"), team.errors().get(0).message());
        RuleCompilationException specialty = assertThrows(RuleCompilationException.class,
                () -> compile("rules/s.drl", drl("routing.assignToSpecialists(\"" + "s".repeat(290) + "\");")));
        assertEquals("rules/s.drl", specialty.errors().get(0).file());
    }

    @Test
    void decisionTableCellOverTheLimitIsLocatedBySheetAndRow() {
        String csv = """
                RuleSet,t.csv
                Import,io.leadrouter.domain.Lead
                Variables,io.leadrouter.domain.Routing routing
                ,
                RuleTable Queues,
                NAME,CONDITION,ACTION
                ,Lead,
                ,"country == ""$param""\","routing.routeToQueue(""$param"");"
                Rule,Country,Queue
                R-1 germany,DE,Germany
                R-2 france,FR,%s
                """.formatted("f".repeat(250));
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> compile("decision-tables/queues.csv", csv));
        RuleError error = e.errors().get(0);
        assertEquals("decision-tables/queues.csv", error.file());
        assertEquals(11, error.row());
        assertNull(error.line());
    }

    @Test
    void filePathOverTheHistoryColumnIsRefused() {
        String path = "rules/" + "d/".repeat(500) + "x.drl";
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> compile(path, drl("routing.routeToQueue(\"ok\");")));
        assertTrue(e.errors().get(0).message().contains("at most 1000"), e.errors().get(0).message());
    }

    @Test
    void computedQueueOverTheLimitFailsTheEvaluationWithAReasonInsteadOfTheDecisionWrite() {
        CompiledRules rules = compile("rules/c.drl", drl("routing.routeToQueue(\"Q-\" + $l.getCompany());")
                .replace("    Lead()", "    $l : Lead()"));
        Lead lead = new Lead();
        lead.setCompany("c".repeat(300));
        Evaluation evaluation = rules.evaluate(lead, List.of());
        assertTrue(evaluation.failed());
        assertTrue(evaluation.failure().contains("at most 200"), evaluation.failure());
        assertNull(evaluation.routing().getTarget());
    }
}
