package io.leadrouter.backtest;

import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleInventory;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceReader;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.rules.ExampleRoster;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Rule tests and lint on the shipped rules, without the service: the engine, the example roster, POI-edited tables. */
class RuleChecksTest {

    private static final String TERRITORIES = "decision-tables/territories.xlsx";

    private static RuleSourceSet shipped() {
        return RuleSourceReader.read(Path.of("rules"), Path.of("decision-tables"));
    }

    private static RuleSourceSet shippedWith(String path, byte[] content) {
        List<RuleSource> sources = new ArrayList<>(shipped().sources().stream().filter(s -> !s.path().equals(path)).toList());
        sources.add(new RuleSource(path, content));
        return new RuleSourceSet(sources);
    }

    private static CompiledRules compile(RuleSourceSet set) {
        return new RuleCompiler().compile(set);
    }

    private static RuleTestSuite.Loaded shippedCases() {
        return RuleTestSuite.read(List.of(Path.of("rules"), Path.of("decision-tables")));
    }

    @Test
    void testCasesUnderRulesTestsAreNotReadAsRules() throws Exception {
        assertTrue(Files.exists(Path.of("rules/tests/example-routing.csv")));
        assertTrue(shipped().sources().stream().noneMatch(s -> s.path().contains("/tests/")), shipped().sources()::toString);
    }

    @Test
    void shippedCasesPassOnTheShippedRulesAndTheExampleRoster() {
        RuleTestSuite.Loaded loaded = shippedCases();
        assertEquals(List.of(), loaded.unreadable());
        assertTrue(loaded.cases().size() >= 15, "cases: " + loaded.cases().size());
        assertEquals(List.of(), RuleTestRunner.run(compile(shipped()), ExampleRoster.all(), loaded.cases()));
    }

    @Test
    void aBadTerritoryChangeFailsTheCaseNamingFileRowExpectedAndActual() {
        // Sales ops send France & Benelux leads to Southern Europe by mistake.
        byte[] edited = TerritoriesWorkbook.withCell("TERR-040", 6, "Southern Europe");
        List<RuleTestFailure> failures = RuleTestRunner.run(compile(shippedWith(TERRITORIES, edited)),
                ExampleRoster.all(), shippedCases().cases());
        RuleTestFailure french = failures.stream().filter(f -> "French mid-market goes to France & Benelux".equals(f.testCase()))
                .findFirst().orElseThrow(() -> new AssertionError(failures.toString()));
        assertEquals("rules/tests/example-routing.csv", french.file());
        assertEquals(4, french.row());
        assertEquals("expect.team", french.field());
        assertEquals("team France & Benelux", french.expected());
        assertTrue(french.actual().startsWith("team Southern Europe (by TERR-040"), french.actual());
        assertEquals(2, failures.size(), failures::toString); // the French and the Dutch case
        assertTrue(french.toRuleError().message().contains("expected team France & Benelux, actual team Southern Europe"));
    }

    @Test
    void everyExpectationIsChecked() {
        String csv = """
                case,country,employees,source,expect.queue,expect.rule,expect.score,expect.priority
                wrong queue,DE,50,,Nurture,,,
                wrong rule,DE,50,,,TERR-010,,
                wrong score,DE,50,,,,99,
                wrong priority,DE,50,,,,,HIGH
                """;
        List<RuleTestCase> cases = new ArrayList<>();
        List<RuleTestFailure> unreadable = new ArrayList<>();
        RuleTestSuite.readCsv("rules/tests/t.csv", csv, cases, unreadable);
        assertEquals(List.of(), unreadable);
        List<RuleTestFailure> failures = RuleTestRunner.run(compile(shipped()), ExampleRoster.all(), cases);
        assertEquals(List.of("expect.queue", "expect.rule", "expect.score", "expect.priority"),
                failures.stream().map(RuleTestFailure::field).toList());
        assertEquals(List.of(2, 3, 4, 5), failures.stream().map(RuleTestFailure::row).toList());
        assertEquals("0", failures.get(2).actual());
        assertEquals("NORMAL", failures.get(3).actual());
    }

    @Test
    void aBrokenTestFileIsReportedByRowAndColumnInsteadOfTestingNothing() {
        List<RuleTestCase> cases = new ArrayList<>();
        List<RuleTestFailure> unreadable = new ArrayList<>();
        RuleTestSuite.readCsv("rules/tests/t.csv", """
                country,employees,expect.team
                DE,many,DACH Commercial
                DE,50,
                """, cases, unreadable);
        assertEquals(List.of(), cases);
        assertEquals(2, unreadable.size(), unreadable::toString);
        assertEquals(2, unreadable.get(0).row());
        assertTrue(unreadable.get(0).actual().contains("employees: 'many' is not a whole number"), unreadable.get(0).actual());
        assertEquals(3, unreadable.get(1).row());

        BadInputException header = assertThrows(BadInputException.class,
                () -> RuleTestSuite.readCsv("x.csv", "contry,expect.team\nDE,x\n", new ArrayList<>(), new ArrayList<>()));
        assertEquals("contry", header.errors().get(0).field());
        assertEquals(1, header.errors().get(0).row());
    }

    @Test
    void excelSemicolonCsvAndByteOrderMarkAreRead() {
        List<RuleTestCase> cases = new ArrayList<>();
        List<RuleTestFailure> unreadable = new ArrayList<>();
        RuleTestSuite.readCsv("t.csv", "\uFEFFcountry;employees;expect.team\r\nDE;50;\"DACH Commercial\"\r\n", cases, unreadable);
        assertEquals(List.of(), unreadable);
        assertEquals(1, cases.size());
        assertEquals("DE", cases.get(0).lead().getCountry());
        assertEquals("DACH Commercial", cases.get(0).team());
        assertEquals(List.of(), RuleTestRunner.run(compile(shipped()), ExampleRoster.all(), cases));
    }

    @Test
    void shippedRulesHaveNoPrecedenceOrServiceFindings() {
        List<RuleInventory.RuleEntry> entries = RuleInventory.of(compile(shipped()));
        assertEquals(List.of(), RuleLint.precedence(entries));
        assertEquals(List.of(), RuleLint.unservable(entries, ExampleRoster.all()));
    }

    @Test
    void aBeneluxRowAtItsNeighboursSalienceIsReportedWithBothRowsNamed() {
        byte[] edited = TerritoriesWorkbook.withRow("TERR-110 Benelux → Benelux team", 200, "assignment",
                "BE, NL, LU", null, null, "France & Benelux");
        int beneluxRow = TerritoriesWorkbook.rowOf(edited, "TERR-110");
        int franceRow = TerritoriesWorkbook.rowOf(edited, "TERR-040");
        List<LintFinding> findings = RuleLint.precedence(RuleInventory.of(compile(shippedWith(TERRITORIES, edited))));
        assertEquals(1, findings.size(), findings::toString);
        LintFinding finding = findings.get(0);
        assertEquals(LintFinding.SAME_SALIENCE, finding.kind());
        assertEquals(TERRITORIES, finding.file());
        assertEquals("Territories", finding.sheet());
        assertEquals(beneluxRow, finding.row());
        assertTrue(finding.message().contains("TERR-110") && finding.message().contains("TERR-040")
                && finding.message().contains("row " + franceRow) && finding.message().contains("salience 200"), finding.message());
        assertTrue(finding.related().get(0).startsWith("TERR-040"));
    }

    @Test
    void aRowThatAHigherRowAlwaysBeatsIsShadowed() {
        // TERR-020 (salience 200) takes every DE/AT/CH lead of any segment: a DE mid-market row below it never fires.
        byte[] edited = TerritoriesWorkbook.withRow("TERR-120 Germany mid-market → Partner team", 150, "assignment",
                "DE", null, "MID_MARKET", "Partner");
        List<LintFinding> findings = RuleLint.precedence(RuleInventory.of(compile(shippedWith(TERRITORIES, edited))));
        assertEquals(1, findings.size(), findings::toString);
        assertEquals(LintFinding.SHADOWED_ROW, findings.get(0).kind());
        assertEquals(TerritoriesWorkbook.rowOf(edited, "TERR-120"), findings.get(0).row());
        assertTrue(findings.get(0).related().get(0).startsWith("TERR-020"), findings.get(0)::toString);
    }

    @Test
    void targetsNobodyActiveCanServeAreReported() {
        byte[] edited = TerritoriesWorkbook.withRow("TERR-110 Nordics → Nordics team", 200, "assignment",
                "SE, NO, DK, FI", null, null, "Nordics");
        List<RuleInventory.RuleEntry> entries = RuleInventory.of(compile(shippedWith(TERRITORIES, edited)));
        List<Rep> roster = new ArrayList<>(ExampleRoster.all());
        List<LintFinding> findings = RuleLint.unservable(entries, roster);
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).message().contains("team 'Nordics'"), findings.get(0).message());

        // The team gets a rep, but a MID one: VALUE-010 requires SENIOR for big deals and URGENT leads.
        Rep nordic = new Rep();
        nordic.setId("ingrid.berg");
        nordic.setName("Ingrid Berg");
        nordic.setTeam("Nordics");
        nordic.setTier(Tier.MID);
        nordic.setActive(true);
        roster.add(nordic);
        findings = RuleLint.unservable(entries, roster);
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).message().contains("no active SENIOR rep") && findings.get(0).message().contains("VALUE-010"),
                findings.get(0).message());
    }
}
