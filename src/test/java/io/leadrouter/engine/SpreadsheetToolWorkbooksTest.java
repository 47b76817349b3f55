package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.RoutingTarget;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The same table, its object type ({@code $lead : Lead}) merged across both CONDITION columns, written by each tool
 * sales ops may use, compiles and routes by its rows. openpyxl writes a merged cell as its top-left cell plus an entry
 * in the sheet's merge list, without the covered cells; POI and LibreOffice also write the covered (blank) cells.
 * The openpyxl workbooks are written here by {@code /usr/bin/python3} (Debian's python3-openpyxl); the LibreOffice one
 * is a committed file {@code soffice --convert-to xlsx} produced (how: {@code workbooks/merged_object_type.py}).
 */
class SpreadsheetToolWorkbooksTest {

    private static final String SCRIPT = "workbooks/merged_object_type.py";

    @Test
    void aWorkbookWrittenByPoiRoutesByItsRows() throws Exception {
        assertRoutesByItsRows(poiWorkbook());
    }

    @Test
    void aWorkbookWrittenByOpenpyxlRoutesByItsRows(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("territories.xlsx");
        python(dir, "fresh", out.toString());
        assertRoutesByItsRows(Files.readAllBytes(out));
    }

    @Test
    void aWorkingWorkbookLoadedAndSavedByOpenpyxlStillRoutesByItsRows(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("poi.xlsx");
        Path out = dir.resolve("territories.xlsx");
        Files.write(in, poiWorkbook());
        python(dir, "resave", in.toString(), out.toString());
        assertRoutesByItsRows(Files.readAllBytes(out));
    }

    @Test
    void aWorkbookSavedByLibreOfficeRoutesByItsRows() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("workbooks/territories-merged-libreoffice.xlsx")) {
            assertNotNull(in);
            assertRoutesByItsRows(in.readAllBytes());
        }
    }

    @Test
    void aCsvTableWithAnEllipsisContinuationRoutesByItsRows() {
        // In CSV a merged cell is written as "text..." followed by "..." in each cell it covers.
        String csv = """
                RuleSet,io.leadrouter.rules
                Import,io.leadrouter.domain.Lead
                Variables,io.leadrouter.domain.Routing routing
                ,
                RuleTable Territories
                NAME,PRIORITY,CONDITION,CONDITION,ACTION
                ,,$lead : Lead...,...,
                ,,"forall(||){country == ""$""}",annualRevenue >= $param,"routing.assignToTeam(""$param"");"
                Rule,Salience,Country,Annual revenue at least,Team
                T-1 DACH enterprise,210,"DE, AT, CH",1000000,DACH Enterprise
                T-2 France,200,FR,,France
                """;
        assertRoutesByItsRows("decision-tables/territories.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRoutesByItsRows(byte[] workbook) {
        assertRoutesByItsRows("decision-tables/territories.xlsx", workbook);
    }

    private static void assertRoutesByItsRows(String path, byte[] content) {
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(new RuleSource(path, content))));
        assertEquals("DACH Enterprise", teamFor(rules, "AT", 2_000_000L));
        assertEquals("France", teamFor(rules, "FR", 10L));
        // Both conditions of T-1 constrain the same lead: a small Austrian company matches no row.
        assertNull(teamFor(rules, "AT", 10L));
    }

    private static String teamFor(CompiledRules rules, String country, long annualRevenue) {
        Lead lead = new Lead();
        lead.setId("lead-" + country + "-" + annualRevenue);
        lead.setCountry(country);
        lead.setAnnualRevenue(annualRevenue);
        Evaluation evaluation = rules.evaluate(lead, List.of());
        assertNull(evaluation.failure());
        RoutingTarget target = evaluation.routing().getTarget();
        return target == null ? null : target.value();
    }

    /** The table as POI writes it: the covered cell D7 exists (blank) as well as the merge list entry. */
    private static byte[] poiWorkbook() throws IOException {
        String[][] rows = {
                {"RuleSet", "io.leadrouter.rules"},
                {"Import", "io.leadrouter.domain.Lead"},
                {"Variables", "io.leadrouter.domain.Routing routing"},
                {},
                {"RuleTable Territories"},
                {"NAME", "PRIORITY", "CONDITION", "CONDITION", "ACTION"},
                {"", "", "$lead : Lead", "", ""},
                {"", "", "forall(||){country == \"$\"}", "annualRevenue >= $param", "routing.assignToTeam(\"$param\");"},
                {"Rule", "Salience", "Country", "Annual revenue at least", "Team"},
                {"T-1 DACH enterprise", "210", "DE, AT, CH", "1000000", "DACH Enterprise"},
                {"T-2 France", "200", "FR", "", "France"},
        };
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Territories");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            sheet.getRow(6).createCell(3);
            sheet.addMergedRegion(new CellRangeAddress(6, 6, 2, 3));
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static void python(Path dir, String... args) throws Exception {
        Path script = dir.resolve("merged_object_type.py");
        try (InputStream in = SpreadsheetToolWorkbooksTest.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            assertNotNull(in, SCRIPT);
            Files.copy(in, script);
        }
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "python3 with openpyxl failed: " + output);
    }
}
