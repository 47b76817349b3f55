package io.leadrouter.rules;

import io.leadrouter.backtest.RuleTestCase;
import io.leadrouter.backtest.RuleTestSuite;
import io.leadrouter.engine.RuleInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule id shipped in {@code rules/} and {@code decision-tables/} is pinned by a test: a test method of this
 * package named after it ({@code TERR_010_dach_enterprise_goes_to_dach_enterprise_team} for {@code TERR-010}, the
 * one-test-per-rule-id convention of {@code TerritoriesTableTest} and its siblings), or a case of
 * {@code rules/tests/*.csv} whose {@code expect.rule} names it. A rule added without either fails the build here,
 * naming the id and where it is written.
 */
class RuleIdCoverageTest {

    /** The stable id a rule name starts with ({@code TERR-010}), as rules/README.md's conventions define it. */
    static final Pattern RULE_ID = Pattern.compile("^([A-Z]+-\\d+)(?:\\s|$)");
    private static final Pattern TEST_METHOD = Pattern.compile("^([A-Z]+)_(\\d+)_");

    @Test
    void everyShippedRuleIdHasATestOrAScenario() throws Exception {
        Set<String> covered = new TreeSet<>(ruleIdsNamedByTestMethods());
        covered.addAll(ruleIdsExpectedByScenarios());
        List<String> missing = RuleInventory.of(ExampleRules.rules()).stream()
                .filter(rule -> !covered.contains(idOf(rule.name())))
                .map(rule -> idOf(rule.name()) + " (" + rule.name() + ", " + rule.origin() + ")")
                .toList();
        assertEquals(List.of(), missing, "rule ids without a test: add a test method named after the id (TERR_010_...) "
                + "in src/test/java/io/leadrouter/rules, or a case with expect.rule in rules/tests/*.csv");
    }

    @Test
    void everyShippedRuleNameStartsWithAStableId() {
        List<String> unnamed = RuleInventory.of(ExampleRules.rules()).stream().map(RuleInventory.RuleEntry::name)
                .filter(name -> !RULE_ID.matcher(name).find()).toList();
        assertEquals(List.of(), unnamed, "rules/README.md: every rule name starts with a stable id such as TERR-010");
    }

    @Test
    void theGuardSeesTheTestMethodsAndTheScenarios() throws Exception {
        // Guards the guard: if the scan found nothing (a moved package, a renamed column), every id would be missing
        // for the wrong reason, or a broken scan could hide behind the other source.
        assertTrue(ruleIdsNamedByTestMethods().contains("TERR-010"));
        assertTrue(ruleIdsExpectedByScenarios().contains("TERR-010"));
    }

    static String idOf(String ruleName) {
        Matcher m = RULE_ID.matcher(ruleName);
        return m.find() ? m.group(1) : ruleName;
    }

    /** Ids named by {@code @Test}/{@code @ParameterizedTest} methods of the compiled test classes of this package. */
    static Set<String> ruleIdsNamedByTestMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(RuleIdCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(RuleIdCoverageTest.class.getPackageName().replace('.', '/'));
        List<String> classNames;
        try (Stream<Path> files = Files.list(dir)) {
            classNames = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> RuleIdCoverageTest.class.getPackageName() + "." + n.substring(0, n.length() - 6)).toList();
        }
        Set<String> ids = new TreeSet<>();
        for (String name : classNames) {
            // Loaded without initialising: a @QuarkusTest class is only looked at, not started.
            Class<?> type = Class.forName(name, false, RuleIdCoverageTest.class.getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                Matcher m = TEST_METHOD.matcher(method.getName());
                if (m.find() && (method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class))) {
                    ids.add(m.group(1) + "-" + m.group(2));
                }
            }
        }
        return ids;
    }

    /** Ids in {@code expect.rule} of the shipped scenario files ({@code rules/tests/}), read as the service reads them. */
    static Set<String> ruleIdsExpectedByScenarios() {
        RuleTestSuite.Loaded loaded = RuleTestSuite.read(List.of(Path.of("rules"), Path.of("decision-tables")));
        assertEquals(List.of(), loaded.unreadable(), "unreadable rule test files");
        return loaded.cases().stream().map(RuleTestCase::rule).filter(r -> r != null && !r.isBlank())
                .map(RuleIdCoverageTest::idOf).collect(Collectors.toCollection(TreeSet::new));
    }
}
