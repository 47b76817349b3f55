package io.leadrouter.engine;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Compile errors a sales-ops user can act on: a table error names the sheet, the row, the column letter and header
 * and the cell's text, in words, without generated DRL or Drools' "null Package" echo; an error in a DRL rule's
 * actions points at its own line.
 */
class CompileErrorWordingTest {

    private static final String[] KEYWORDS = {"NAME", "PRIORITY", "CONDITION", "CONDITION", "CONDITION", "ACTION"};
    private static final String[] TEMPLATES = {"", "", "forall(||){country == \"$\"}", "segment == Segment.$param",
            "employees >= $param", "routing.assignToTeam(\"$param\");"};
    private static final String[] HEADERS = {"Rule", "Salience", "Country", "Segment", "Min employees", "Team"};

    /** A territories table whose row 11 is the given cells; rows 10 and 12 are fine. */
    private static RuleSource workbookWithRow11(String... row11) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("Territories");
            String[][] rows = {
                    {"RuleSet", "io.leadrouter.rules"},
                    {"Import", "io.leadrouter.domain.Lead, io.leadrouter.domain.Segment"},
                    {"Variables", "io.leadrouter.domain.Routing routing"},
                    {},
                    {"RuleTable Territories"},
                    KEYWORDS,
                    {"", "", "$lead : Lead", "", "", ""},
                    TEMPLATES,
                    HEADERS,
                    {"T-1 ok", "200", "DE", "", "", "DACH"},
                    row11,
                    {"T-3 ok", "200", "IT", "", "", "Italy"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            s.addMergedRegion(new CellRangeAddress(6, 6, 2, 4));
            wb.write(out);
            return new RuleSource("decision-tables/territories.xlsx", out.toByteArray());
        }
    }

    private static List<RuleError> errorsOf(RuleSource source) {
        RuleCompilationException ex = assertThrows(RuleCompilationException.class,
                () -> new RuleCompiler().compile(new RuleSourceSet(List.of(source))));
        for (RuleError error : ex.errors()) {
            assertFalse(error.message().contains("[Near"), error.message());
            assertFalse(error.message().contains("null Package"), error.message());
            if (error.sheet() != null || !error.file().endsWith(".drl")) {
                assertFalse(error.message().matches("(?s).*Line \\d+:\\d+.*"), "no generated DRL position: " + error.message());
            }
        }
        return ex.errors();
    }

    private static RuleError onlyError(RuleSource source) {
        List<RuleError> errors = errorsOf(source);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void aMistypedEnumCellNamesItsColumnHeaderTextAndTheAllowedValues() throws Exception {
        RuleError error = onlyError(workbookWithRow11("T-2", "200", "FR", "ENTERPRIZE", "", "France"));
        assertEquals("Territories", error.sheet());
        assertEquals(11, error.row());
        assertNull(error.line(), "a generated DRL line means nothing to a table author");
        assertEquals("D", error.column());
        assertEquals("Segment", error.header());
        assertEquals("ENTERPRIZE", error.cell());
        assertEquals("column D (Segment): 'ENTERPRIZE' is not a Segment: use one of SMB, MID_MARKET, ENTERPRISE",
                error.message());
    }

    @Test
    void textInANumberColumnIsCalledNotANumber() throws Exception {
        RuleError error = onlyError(workbookWithRow11("T-2", "200", "FR", "", "lots", "France"));
        assertEquals("E", error.column());
        assertEquals("Min employees", error.header());
        assertEquals("column E (Min employees): 'lots' is not a number", error.message());
    }

    @Test
    void aStrayBracketNamesItsCellAndDroolsNullPackageEchoIsDropped() throws Exception {
        RuleError error = onlyError(workbookWithRow11("T-2", "200", "FR", "", "5 (", "France"));
        assertEquals(11, error.row());
        assertEquals("E", error.column());
        assertEquals("5 (", error.cell());
        assertTrue(error.message().startsWith("column E (Min employees): '5 (' cannot be read"), error.message());
    }

    @Test
    void aSalienceThatIsNotANumberNamesItsColumn() throws Exception {
        RuleError error = onlyError(workbookWithRow11("T-2", "high", "FR", "", "", "France"));
        assertEquals("Territories", error.sheet());
        assertEquals(11, error.row());
        assertEquals("B", error.column());
        assertEquals("column B (Salience): 'high' is not a whole number", error.message());
    }

    @Test
    void aCsvTableErrorNamesColumnAndHeaderToo() {
        String csv = String.join("\n",
                "RuleSet,io.leadrouter.rules",
                "Import,\"io.leadrouter.domain.Lead, io.leadrouter.domain.Segment\"",
                "Variables,io.leadrouter.domain.Routing routing",
                "",
                "RuleTable Territories",
                String.join(",", KEYWORDS),
                ",,$lead : Lead...,...,...,",
                ",,\"forall(||){country == \"\"$\"\"}\",segment == Segment.$param,employees >= $param,\"routing.assignToTeam(\"\"$param\"\");\"",
                String.join(",", HEADERS),
                "T-1 ok,200,DE,,,DACH",
                "T-2 typo,200,FR,MIDMARKET,,France",
                "");
        RuleError error = onlyError(new RuleSource("decision-tables/territories.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(11, error.row());
        assertEquals("D", error.column());
        assertEquals("Segment", error.header());
        assertTrue(error.message().startsWith("column D (Segment): 'MIDMARKET' is not a Segment"), error.message());
    }

    @Test
    void anErrorInARulesActionsPointsAtItsOwnLine() {
        String drl = """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "X-1 fine"
                when
                    Lead(country == "DE")
                then
                    routing.addScore(1);
                end

                rule "X-2 broken actions"
                when
                    Lead(country == "FR")
                then
                    routing.addScore(1);

                    routing.noSuchAction("x");
                    int y = undefinedVar;
                end
                """;
        List<RuleError> errors = errorsOf(new RuleSource("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(18, errors.get(0).line(), errors.toString());
        assertTrue(errors.get(0).message().contains("noSuchAction"), errors.get(0).message());
        assertTrue(errors.get(0).message().startsWith("rule \"X-2 broken actions\": "), errors.get(0).message());
        assertEquals(19, errors.get(1).line(), errors.toString());
        assertTrue(errors.get(1).message().contains("undefinedVar"), errors.get(1).message());
    }

    @Test
    void aDrlSyntaxErrorComesWithoutTheNullPackageEcho() {
        String drl = """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "X-1 broken"
                when
                    Lead(country == "DE"
                then
                    routing.addScore(1);
                end
                """;
        List<RuleError> errors = errorsOf(new RuleSource("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8)));
        assertFalse(errors.isEmpty());
        assertEquals("rules/t.drl", errors.get(0).file());
        assertNotNull(errors.get(0).line(), errors.toString());
    }
}
