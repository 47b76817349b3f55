package io.leadrouter.engine;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Drools compiles only the first sheet of a workbook: a table on another sheet must fail loudly, not vanish. */
class DecisionTableSheetsTest {

    private static void table(Sheet sheet, String team) {
        String[][] rows = {
                {"RuleSet", "t"},
                {"Import", "io.leadrouter.domain.Lead"},
                {"Variables", "io.leadrouter.domain.Routing routing"},
                {"RuleTable " + sheet.getSheetName()},
                {"CONDITION", "ACTION"},
                {"Lead", ""},
                {"country == \"$param\"", "routing.assignToTeam(\"$param\");"},
                {"Country", "Team"},
                {"DE", team},
        };
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                if (!rows[r][c].isEmpty()) row.createCell(c).setCellValue(rows[r][c]);
            }
        }
    }

    @Test
    void ruleTableOnASecondSheetIsAnErrorNamingSheetAndRow() throws Exception {
        byte[] bytes;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            table(wb.createSheet("Europe"), "DACH");
            table(wb.createSheet("Americas"), "NA");
            wb.write(out);
            bytes = out.toByteArray();
        }
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("decision-tables/two-sheets.xlsx", bytes)))));
        RuleError error = ex.errors().get(0);
        assertEquals("decision-tables/two-sheets.xlsx", error.file());
        assertEquals("Americas", error.sheet());
        assertEquals(4, error.row());
        assertTrue(error.message().contains("only the first sheet"), error.message());
    }
}
