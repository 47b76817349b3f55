package io.leadrouter.rules;

import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The committed .xlsx files are real workbooks, and compile on their own. The committed
 * workbook is the source of truth (sales ops edit it); no test compares it with a generator.
 * Workbooks are opened read-only: POI's {@code WorkbookFactory.create(File)} opens read-write and rewrites the file
 * on close.
 */
class ExampleWorkbooksTest {

    @Test
    void real_xlsx_files_open_in_poi_with_the_standard_layout() throws Exception {
        for (String file : List.of(ExampleRules.SCORING, ExampleRules.TERRITORIES)) {
            try (Workbook wb = WorkbookFactory.create(Path.of(file).toFile(), null, true)) {
                Sheet sheet = wb.getSheetAt(0);
                assertEquals("RuleSet", text(sheet, 0, 0), file);
                assertEquals("Import", text(sheet, 1, 0), file);
                assertEquals("Variables", text(sheet, 2, 0), file);
                assertEquals("io.leadrouter.domain.Routing routing", text(sheet, 2, 1), file);
                assertTrue(text(sheet, 5, 0).startsWith("RuleTable"), file);
                assertEquals("NAME", text(sheet, 6, 0), file);
                assertEquals(1, sheet.getNumMergedRegions(), file + ": object type merged over the conditions");
                assertEquals("$lead : Lead", text(sheet, 7, sheet.getMergedRegion(0).getFirstColumn()), file);
            }
        }
    }

    @Test
    void each_workbook_compiles_on_its_own() throws Exception {
        for (String file : List.of(ExampleRules.SCORING, ExampleRules.TERRITORIES)) {
            CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(
                    new RuleSource(file, Files.readAllBytes(Path.of(file))))));
            assertTrue(rules.ruleCount() >= 9, file + ": " + rules.ruleCount());
            assertTrue(rules.origins().values().stream().allMatch(o -> o.row() != null && o.sheet() != null), file);
        }
    }


    private static String text(Sheet sheet, int row, int col) {
        Row r = sheet.getRow(row);
        return r == null || r.getCell(col) == null ? "" : new DataFormatter().formatCellValue(r.getCell(col));
    }
}
