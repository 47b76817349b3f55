package io.leadrouter.rules;

import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSourceReader;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static io.leadrouter.domain.RoutingTarget.Kind.TEAM;
import static io.leadrouter.rules.ExampleRules.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's "add a territory" steps, done on a copy of the shipped workbook by a plain spreadsheet library and by
 * the tools sales ops use, route a Swedish lead by the new row. The shipped workbook is the source of truth: nothing
 * here compares it with a generator. The openpyxl and LibreOffice copies are committed files those tools produced
 * (how to regenerate: {@code src/test/resources/workbooks/add_nordics.py}).
 */
class AddTerritoryStepsTest {

    private static final String NORDICS = "TERR-110 Nordics → Nordics team";

    @Test
    void aRowAddedWithPoiRoutesByTheNewRow(@TempDir Path dir) throws Exception {
        Path tables = copyShipped(dir);
        Path file = tables.resolve("territories.xlsx");
        try (InputStream in = Files.newInputStream(file); Workbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            int next = sheet.getLastRowNum() + 1;
            while (next > 0 && isBlank(sheet.getRow(next - 1))) {
                next--;
            }
            Row row = sheet.createRow(next);
            row.createCell(0).setCellValue(NORDICS);
            row.createCell(1).setCellValue(200);
            row.createCell(2).setCellValue("assignment");
            row.createCell(3).setCellValue("SE, NO, DK, FI");
            row.createCell(6).setCellValue("Nordics");
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        assertSwedishLeadGoesToNordics(dir);
    }

    @Test
    void aRowAddedWithOpenpyxlRoutesByTheNewRow(@TempDir Path dir) throws Exception {
        copyShipped(dir, "workbooks/territories-nordics-openpyxl.xlsx");
        assertSwedishLeadGoesToNordics(dir);
    }

    @Test
    void theOpenpyxlEditSavedByLibreOfficeRoutesByTheNewRow(@TempDir Path dir) throws Exception {
        copyShipped(dir, "workbooks/territories-nordics-libreoffice.xlsx");
        assertSwedishLeadGoesToNordics(dir);
    }

    private static void assertSwedishLeadGoesToNordics(Path dir) {
        CompiledRules rules = new RuleCompiler().compile(
                RuleSourceReader.read(dir.resolve("rules"), dir.resolve("decision-tables")));
        Evaluation e = rules.evaluate(lead(l -> l.setCountry("SE")), ExampleRoster.all());
        assertNull(e.failure());
        assertTarget(e, TEAM, "Nordics", "TERR-110");
        // Existing rows still route as before.
        assertTarget(rules.evaluate(lead(l -> l.setCountry("GB")), ExampleRoster.all()), TEAM, "UK & Ireland",
                "TERR-030");
    }

    private static Path copyShipped(Path dir) throws Exception {
        return copyShipped(dir, null);
    }

    /** Copies rules/ and decision-tables/; {@code territories} (a test resource) replaces territories.xlsx. */
    private static Path copyShipped(Path dir, String territories) throws Exception {
        for (String sub : new String[]{"rules", "decision-tables"}) {
            Path from = Path.of(sub);
            try (var files = Files.walk(from)) {
                for (Path p : files.toList()) {
                    Path to = dir.resolve(sub).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path tables = dir.resolve("decision-tables");
        if (territories != null) {
            try (InputStream in = AddTerritoryStepsTest.class.getClassLoader().getResourceAsStream(territories)) {
                assertNotNull(in, territories);
                Files.copy(in, tables.resolve("territories.xlsx"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return tables;
    }

    private static boolean isBlank(Row row) {
        if (row == null) {
            return true;
        }
        for (var cell : row) {
            if (!cell.toString().isBlank()) {
                return false;
            }
        }
        return true;
    }
}
