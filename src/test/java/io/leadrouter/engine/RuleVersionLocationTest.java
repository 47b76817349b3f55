package io.leadrouter.engine;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.reload.HotReloadProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A version is its files' API paths and bytes, not where the rule directories are: two instances of a cluster with
 * their rules under different paths start with one version id for the same files (docs/cluster.md).
 */
class RuleVersionLocationTest {

    @Test
    void theSameFilesUnderTwoDirectoriesAreOneVersion(@TempDir Path root) throws Exception {
        RuleEngine a = engineOver(root.resolve("srv/instance-a"));
        RuleEngine b = engineOver(root.resolve("opt/lead-router/b"));

        a.compileAtStartup(null);
        b.compileAtStartup(null);

        assertEquals(List.of("decision-tables/score.csv", "rules/assign.drl"), paths(a));
        assertEquals(paths(a), paths(b));
        assertEquals(a.active().version().contentHash(), b.active().version().contentHash());
        assertEquals(a.active().version().id(), b.active().version().id());
    }

    @Test
    void changedBytesAreAnotherVersion(@TempDir Path root) throws Exception {
        RuleEngine a = engineOver(root.resolve("a"));
        RuleEngine b = engineOver(root.resolve("b"));
        Files.writeString(root.resolve("b/rules/assign.drl"), HotReloadProfile.assignDrl("changed"));

        a.compileAtStartup(null);
        b.compileAtStartup(null);

        assertNotEquals(a.active().version().contentHash(), b.active().version().contentHash());
    }

    private static List<String> paths(RuleEngine engine) {
        return engine.active().rules().sources().sources().stream().map(RuleSource::path).toList();
    }

    /** {@code home}/rules/assign.drl, {@code home}/decision-tables/score.csv and a rule test case beside them. */
    private static RuleEngine engineOver(Path home) throws Exception {
        Path rules = Files.createDirectories(home.resolve("rules"));
        Path tables = Files.createDirectories(home.resolve("decision-tables"));
        Files.writeString(rules.resolve("assign.drl"), HotReloadProfile.assignDrl("base"));
        Files.writeString(tables.resolve("score.csv"), HotReloadProfile.SCORE_CSV);
        Files.createDirectories(rules.resolve("tests"));
        Files.writeString(rules.resolve("tests/germany.csv"), "id,country,expected queue\nl1,DE,Germany-base\n");
        return new RuleEngine(config(rules.toString(), tables.toString()));
    }

    private static RoutingConfig config(String rules, String tables) {
        return new RoutingConfig() {
            @Override public String rulesDir() { return rules; }
            @Override public String decisionTablesDir() { return tables; }
            @Override public String fallbackQueue() { return "Unassigned"; }
            @Override public Distribution distribution() { throw new UnsupportedOperationException("not used at start-up"); }
            @Override public Rules rules() { return null; }
        };
    }
}
