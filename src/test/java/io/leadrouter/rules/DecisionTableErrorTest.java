package io.leadrouter.rules;

import io.leadrouter.engine.RuleCompilationException;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleError;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A broken row is reported with the file, the sheet and the row a sales-ops user sees in Excel. */
class DecisionTableErrorTest {

    private static byte[] brokenTerritories() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("Territories");
            String[][] rows = {
                    {"RuleSet", "io.leadrouter.rules"},
                    {"Import", "io.leadrouter.domain.Lead, io.leadrouter.domain.Segment"},
                    {"Variables", "io.leadrouter.domain.Routing routing"},
                    {},
                    {"RuleTable Territories"},
                    {"NAME", "PRIORITY", "CONDITION", "CONDITION", "ACTION"},
                    {"", "", "$lead : Lead", "", ""},
                    {"", "", "forall(||){country == \"$\"}", "segment == Segment.$param", "routing.assignToTeam(\"$param\");"},
                    {"Rule", "Salience", "Country", "Segment", "Team"},
                    {"T-1 ok", "200", "DE", "", "DACH"},
                    {"T-2 typo in segment", "200", "FR", "ENTERPRIZE", "France"},   // row 11
                    {"T-3 ok", "200", "IT", "", "Italy"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            s.getRow(6).createCell(3); // blank cell inside the merged object-type region
            s.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(6, 6, 2, 3));
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void broken_row_is_reported_with_file_sheet_and_row() throws Exception {
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("decision-tables/broken.xlsx", brokenTerritories())))));
        RuleError error = ex.errors().get(0);
        assertEquals("decision-tables/broken.xlsx", error.file(), ex.getMessage());
        assertEquals("Territories", error.sheet(), ex.getMessage());
        assertEquals(11, error.row(), ex.getMessage());
        assertNull(error.line(), "a generated DRL line means nothing to a table author");
        assertTrue(error.message().contains("ENTERPRIZE"), error.message());
        assertTrue(ex.getMessage().contains("decision-tables/broken.xlsx sheet 'Territories' row 11"), ex.getMessage());
        System.out.println(ex.getMessage());
    }

    @Test
    void a_file_that_is_not_a_workbook_is_reported_with_its_name() {
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("decision-tables/notes.xlsx", "hello".getBytes())))));
        assertEquals("decision-tables/notes.xlsx", ex.errors().get(0).file());
        System.out.println(ex.getMessage());
    }
}
