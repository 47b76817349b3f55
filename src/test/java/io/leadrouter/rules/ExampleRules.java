package io.leadrouter.rules;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSourceReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Helpers for the per-rule tests: the real {@code rules/} and {@code decision-tables/} compiled once (per test JVM,
 * so at most once per test class), a lead builder, and assertions on what fired and where it is written.
 */
final class ExampleRules {

    static final String SCORING = "decision-tables/lead-scoring.xlsx";
    static final String TERRITORIES = "decision-tables/territories.xlsx";

    private static CompiledRules compiled;

    private ExampleRules() {
    }

    /** The shipped rules, compiled exactly as the service compiles them. */
    static synchronized CompiledRules rules() {
        if (compiled == null) {
            compiled = new RuleCompiler().compile(RuleSourceReader.read(Path.of("rules"), Path.of("decision-tables")));
        }
        return compiled;
    }

    /** A new-business lead with only what {@code facts} sets. */
    static Lead lead(Consumer<Lead> facts) {
        Lead lead = new Lead();
        lead.setId("L-test");
        facts.accept(lead);
        return lead;
    }

    /** Evaluates against the example roster; fails the test if evaluation failed. */
    static Evaluation route(Lead lead) {
        return route(lead, ExampleRoster.all());
    }

    static Evaluation route(Lead lead, List<Rep> roster) {
        Evaluation e = rules().evaluate(lead, roster);
        assertNull(e.failure(), "evaluation failed");
        return e;
    }

    /** The rule with this id that fired; fails if it did not fire. */
    static MatchedRule fired(Evaluation e, String id) {
        return e.matchedRules().stream().filter(m -> m.name().startsWith(id + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(id + " did not fire; fired: " + names(e)));
    }

    static void notFired(Evaluation e, String id) {
        assertTrue(e.matchedRules().stream().noneMatch(m -> m.name().startsWith(id + " ")),
                id + " should not have fired; fired: " + names(e));
    }

    static List<String> names(Evaluation e) {
        return e.matchedRules().stream().map(MatchedRule::name).toList();
    }

    /** Asserts the final target and the rule whose assignment stands. */
    static void assertTarget(Evaluation e, RoutingTarget.Kind kind, String value, String byRuleId) {
        assertEquals(new RoutingTarget(kind, value), e.routing().getTarget(), () -> "fired: " + names(e));
        assertTrue(e.routing().getTargetRule().startsWith(byRuleId + " "),
                () -> "assigned by " + e.routing().getTargetRule() + ", expected " + byRuleId);
    }

    /** Asserts a DRL rule: its file and the line of its {@code rule} keyword. */
    static void assertDrl(MatchedRule m, String file) {
        assertEquals("drl", m.kind());
        assertEquals(file, m.source());
        assertEquals(lineOf(file, m.name()), m.line(), "line of rule \"" + m.name() + "\"");
    }

    /** Asserts a decision-table rule: its file, sheet and spreadsheet row (as Excel numbers it). */
    static void assertRow(MatchedRule m, String file, String sheet, int row) {
        assertEquals("decision-table", m.kind());
        assertEquals(file, m.source());
        assertEquals(sheet, m.sheet());
        assertEquals(row, m.row(), "row of " + m.name());
    }

    private static int lineOf(String file, String ruleName) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().startsWith("rule \"" + ruleName + "\"")) {
                    return i + 1;
                }
            }
            throw new AssertionError("rule \"" + ruleName + "\" not found in " + file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
