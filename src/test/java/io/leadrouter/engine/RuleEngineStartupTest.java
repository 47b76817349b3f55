package io.leadrouter.engine;

import io.leadrouter.config.RoutingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A rule set that does not compile stops start-up, and the failure lists every error with its file and line. */
class RuleEngineStartupTest {

    @Test
    void brokenRulesStopStartUpListingEveryError(@TempDir Path root) throws Exception {
        Path rules = Files.createDirectories(root.resolve("rules"));
        Path tables = Files.createDirectories(root.resolve("decision-tables"));
        Files.writeString(rules.resolve("one.drl"), "package a;\nrule \"x\" when\n  NoSuchFact()\nthen end\n");
        Files.writeString(rules.resolve("two.drl"), "package b;\nrule \"y\" when then\n  int x = ;\nend\n");
        RuleEngine engine = new RuleEngine(config(rules, tables));

        RuleCompilationException failure = assertThrows(RuleCompilationException.class, () -> engine.compileAtStartup(null));

        assertTrue(failure.errors().stream().anyMatch(e -> e.file().endsWith("rules/one.drl") && e.line() != null),
                failure.getMessage());
        assertTrue(failure.errors().stream().anyMatch(e -> e.file().endsWith("rules/two.drl") && e.line() != null),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("one.drl") && failure.getMessage().contains("two.drl"),
                "the start-up log names every file: " + failure.getMessage());
        assertThrows(IllegalStateException.class, engine::active, "nothing is active after a failed start");
    }

    private static RoutingConfig config(Path rules, Path tables) {
        return new RoutingConfig() {
            @Override public String rulesDir() { return rules.toString(); }
            @Override public String decisionTablesDir() { return tables.toString(); }
            @Override public String fallbackQueue() { return "Unassigned"; }
            @Override public Distribution distribution() { throw new UnsupportedOperationException("not used at start-up"); }
            @Override public Rules rules() { return null; }
        };
    }
}
