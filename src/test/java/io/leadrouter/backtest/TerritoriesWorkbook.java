package io.leadrouter.backtest;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies of the shipped territories.xlsx (or another shipped table, such as lead-scoring.xlsx) edited with POI, as a
 * sales-ops user would edit it in Excel.
 */
final class TerritoriesWorkbook {

    static final Path SHIPPED = Path.of("decision-tables/territories.xlsx");
    static final Path SCORING = Path.of("decision-tables/lead-scoring.xlsx");

    private TerritoriesWorkbook() {
    }

    /**
     * The shipped table with one row appended after the last one (columns: rule, salience, group, country, region,
     * segment, team); returns the workbook bytes. {@link #lastRow} tells its 1-based row.
     */
    static byte[] withRow(Object... cells) {
        return edit(SHIPPED, sheet -> {
            Row row = sheet.createRow(lastDataRow(sheet) + 1);
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else if (cells[c] != null) {
                    row.createCell(c).setCellValue(cells[c].toString());
                }
            }
        });
    }

    /** The shipped table with the given cell (0-based column) of the row whose rule starts with {@code ruleId} set. */
    static byte[] withCell(String ruleId, int column, String value) {
        return withCell(SHIPPED, ruleId, column, value);
    }

    /** Like {@link #withCell(String, int, String)} on another shipped table. */
    static byte[] withCell(Path table, String ruleId, int column, String value) {
        return edit(table, sheet -> {
            for (Row row : sheet) {
                Cell first = row.getCell(0);
                if (first != null && first.toString().startsWith(ruleId)) {
                    row.getCell(column, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).setCellValue(value);
                    return;
                }
            }
            throw new IllegalArgumentException("no row " + ruleId);
        });
    }

    /** 1-based number of the row the first cell of which starts with {@code ruleId}, in {@code workbook}. */
    static int rowOf(byte[] workbook, String ruleId) {
        try (Workbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            for (Row row : wb.getSheetAt(0)) {
                Cell first = row.getCell(0);
                if (first != null && first.toString().startsWith(ruleId)) {
                    return row.getRowNum() + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no row " + ruleId);
    }

    private static int lastDataRow(Sheet sheet) {
        int last = -1;
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.toString().startsWith("TERR-")) {
                last = row.getRowNum();
            }
        }
        return last;
    }

    private static byte[] edit(Path table, java.util.function.Consumer<Sheet> edit) {
        try (InputStream in = Files.newInputStream(table); Workbook workbook = new XSSFWorkbook(in)) {
            edit.accept(workbook.getSheetAt(0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
