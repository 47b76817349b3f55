package io.leadrouter.rules;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Priority;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A decision table in the standard Drools layout, written here by hand with POI and independent of the example
 * tables and their generator: its own package, no NAME column (Drools names the rules), no PRIORITY column, an
 * unmerged object-type row (one pattern per condition column), a second RuleTable lower on the sheet and
 * not in column A, and actions on
 * {@code routing}.
 */
class StandardDecisionTableLayoutTest {

    static byte[] workbook() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s1 = wb.createSheet("Sizes");
            row(s1, 0, "RuleSet", "com.example.other");
            row(s1, 1, "Import", "io.leadrouter.domain.Lead, io.leadrouter.domain.Priority");
            row(s1, 2, "Variables", "io.leadrouter.domain.Routing routing");
            row(s1, 4, "RuleTable Sizes");
            row(s1, 5, "CONDITION", "CONDITION", "ACTION");
            row(s1, 6, "Lead", "Lead", "");
            row(s1, 7, "employees >= $param", "employees < $param", "routing.addScore($param);");
            row(s1, 8, "From employees", "Below employees", "Points");
            row(s1, 9, "0", "50", "1");
            row(s1, 10, "50", "", "2");

            // A second table further down the same sheet, starting in column B, with a merged object-type cell.
            // (Drools compiles only the first sheet of a workbook; the engine refuses tables on other sheets.)
            Sheet s2 = s1;
            row(s2, 13, "", "RuleTable Urgency");
            row(s2, 14, "", "CONDITION", "CONDITION", "ACTION", "ACTION");
            row(s2, 15, "", "l : Lead", "", "", "");
            s2.addMergedRegion(new CellRangeAddress(15, 15, 1, 2));
            // Drools only honours the merge for cells that exist: without this blank C16, "score > $param" would
            // become a pattern of its own and fail to parse.
            s2.getRow(15).createCell(2);
            row(s2, 16, "", "company == \"$param\"", "score > $param", "routing.setPriority(Priority.$param);",
                    "routing.routeToQueue(\"$param\");");
            row(s2, 17, "", "Company", "Score above", "Priority", "Queue");
            row(s2, 18, "", "Acme", "1", "URGENT", "Acme desk");
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (!values[c].isEmpty()) {
                row.createCell(c).setCellValue(values[c]);
            }
        }
    }

    @Test
    void standard_layout_table_loads_and_fires() throws Exception {
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("decision-tables/other/standard.xlsx", workbook()))));
        assertEquals(3, rules.ruleCount());

        Lead lead = new Lead();
        lead.setCompany("Acme");
        lead.setEmployees(120);
        Evaluation e = rules.evaluate(lead, List.of());
        assertNull(e.failure());
        assertEquals(2, e.lead().getScore());
        assertEquals(Priority.URGENT, e.lead().getPriority());
        assertEquals("queue Acme desk", e.routing().getTarget().toString());

        MatchedRule sizes = e.matchedRules().get(0);
        assertEquals("decision-tables/other/standard.xlsx", sizes.source());
        assertEquals("Sizes", sizes.sheet());
        assertEquals(11, sizes.row());
        MatchedRule urgency = e.matchedRules().get(1);
        assertEquals("Sizes", urgency.sheet());
        assertEquals(19, urgency.row());
        assertTrue(urgency.name().startsWith("Urgency_"), "Drools names unnamed rules after the table: " + urgency.name());
    }
}
