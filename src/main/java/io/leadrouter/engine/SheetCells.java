package io.leadrouter.engine;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.parser.csv.CsvLineParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The text of a compiled decision-table sheet as its author sees it, and the layout of its RuleTables: which column of
 * a row holds a CONDITION or ACTION and what its header says. Read only when a compile error is worded, and
 * dropped with it.
 */
final class SheetCells {

    static final SheetCells NONE = new SheetCells(null, List.of());

    /** Drools' layout below a RuleTable cell: keywords, object type, code template, then the header labels. */
    private static final int KEYWORD_ROW_OFFSET = 1;
    private static final int TEMPLATE_ROW_OFFSET = 3;
    private static final int HEADER_ROW_OFFSET = 4;

    /** A column of a RuleTable that produces rule code from its cells. */
    record Column(int index, String letter, String keyword, String header, String template) {
    }

    /** The cell of one row in one column, with its text. */
    record Cell(Column column, String text) {
    }

    private final String sheet;
    /** Row texts, index = spreadsheet row - 1. */
    private final List<List<String>> rows;

    private SheetCells(String sheet, List<List<String>> rows) {
        this.sheet = sheet;
        this.rows = rows;
    }

    /** The cells of a table's compiled sheet (its first), read from the file; {@link #NONE} if it cannot be read. */
    static SheetCells read(RuleSource source) {
        if (source.kind() == RuleSource.Kind.CSV) {
            return of(source.text());
        }
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
            return workbook.getNumberOfSheets() == 0 ? NONE : of(workbook.getSheetAt(0));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** {@link #read}, done at most once and only when first asked. */
    static Supplier<SheetCells> onDemand(RuleSource source) {
        return new Supplier<>() {
            private SheetCells cells;

            @Override
            public synchronized SheetCells get() {
                if (cells == null) {
                    cells = read(source);
                }
                return cells;
            }
        };
    }

    static SheetCells of(Sheet sheet) {
        DataFormatter formatter = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            while (rows.size() < row.getRowNum()) {
                rows.add(List.of());
            }
            List<String> texts = new ArrayList<>();
            for (org.apache.poi.ss.usermodel.Cell cell : row) {
                while (texts.size() < cell.getColumnIndex()) {
                    texts.add("");
                }
                texts.add(text(formatter, cell));
            }
            rows.add(texts);
        }
        return new SheetCells(sheet.getSheetName(), rows);
    }

    static SheetCells of(String csv) {
        CsvLineParser parser = new CsvLineParser();
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.split("\r?\n", -1)) {
            rows.add(parser.parse(line));
        }
        return new SheetCells(null, rows);
    }

    private static String text(DataFormatter formatter, org.apache.poi.ss.usermodel.Cell cell) {
        try {
            return formatter.formatCellValue(cell).trim();
        } catch (RuntimeException e) {
            return "";
        }
    }

    String sheet() {
        return sheet;
    }

    /** The text at a spreadsheet row (1-based) and column (0-based), or "" where there is none. */
    String text(int row, int column) {
        if (row < 1 || row > rows.size()) {
            return "";
        }
        List<String> cells = rows.get(row - 1);
        return column < cells.size() && cells.get(column) != null ? cells.get(column).trim() : "";
    }

    /** The non-blank cells of a rule row under its RuleTable's keyworded columns (CONDITION, ACTION, PRIORITY...). */
    List<Cell> ruleCells(int row) {
        int tableRow = tableAbove(row);
        if (tableRow < 0) {
            return List.of();
        }
        List<Cell> cells = new ArrayList<>();
        for (Column column : columns(tableRow)) {
            String text = text(row, column.index());
            if (!text.isEmpty()) {
                cells.add(new Cell(column, text));
            }
        }
        return cells;
    }

    /** The column at a 0-based index in the RuleTable above a row, if it is one. */
    Column column(int row, int columnIndex) {
        int tableRow = tableAbove(row);
        if (tableRow < 0) {
            return null;
        }
        for (Column column : columns(tableRow)) {
            if (column.index() == columnIndex) {
                return column;
            }
        }
        return null;
    }

    /** The row (1-based) of the nearest RuleTable cell above a rule row, or -1. */
    private int tableAbove(int row) {
        for (int r = Math.min(row - 1, rows.size()); r >= 1; r--) {
            for (String text : rows.get(r - 1)) {
                if (text != null && text.trim().toLowerCase().startsWith("ruletable")) {
                    return r;
                }
            }
        }
        return -1;
    }

    private List<Column> columns(int tableRow) {
        int keywordRow = tableRow + KEYWORD_ROW_OFFSET;
        List<String> keywords = keywordRow <= rows.size() ? rows.get(keywordRow - 1) : List.of();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < keywords.size(); c++) {
            String keyword = keywords.get(c) == null ? "" : keywords.get(c).trim();
            if (!keyword.isEmpty()) {
                columns.add(new Column(c, CellReference.convertNumToColString(c), keyword.toUpperCase(),
                        text(tableRow + HEADER_ROW_OFFSET, c), text(tableRow + TEMPLATE_ROW_OFFSET, c)));
            }
        }
        return columns;
    }
}
