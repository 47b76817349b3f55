package io.leadrouter.console;

import io.leadrouter.engine.RuleOrigin;
import io.leadrouter.engine.RuleSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule file as a person reads it: a DRL as numbered lines, a decision table as its sheets' rows and columns with the
 * rule id compiled from each row (so a decision's "sheet Territories row 12" can be looked up).
 */
public record RuleFilePreview(List<Line> lines, List<SheetView> sheets, String unreadable) {

    /** Rows and columns shown per sheet, so a huge table still renders quickly. */
    static final int MAX_ROWS = 2000;
    static final int MAX_COLUMNS = 40;

    public record Line(int number, String text) {
    }

    public record SheetView(String name, int columns, List<RowView> rows, boolean truncated) {
        /** Column letters as Excel shows them: A, B, ... Z, AA ... */
        public List<String> headers() {
            List<String> headers = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                StringBuilder letters = new StringBuilder();
                for (int n = c + 1; n > 0; n = (n - 1) / 26) {
                    letters.insert(0, (char) ('A' + (n - 1) % 26));
                }
                headers.add(letters.toString());
            }
            return headers;
        }
    }

    /** @param rule the rule compiled from this row, or null */
    public record RowView(int number, List<String> cells, String rule) {
    }

    static RuleFilePreview of(RuleSource source, Map<String, RuleOrigin> origins) {
        if (!source.isDecisionTable()) {
            String[] text = source.text().split("\r?\n", -1);
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < text.length; i++) {
                lines.add(new Line(i + 1, text[i]));
            }
            return new RuleFilePreview(lines, List.of(), null);
        }
        // Sheet and row -> rule name, from what the compiler recorded for this file.
        Map<String, String> ruleAt = new HashMap<>();
        origins.forEach((key, origin) -> {
            if (source.path().equals(origin.file()) && origin.row() != null) {
                String name = key.substring(key.indexOf('/') + 1);
                ruleAt.put((origin.sheet() == null ? "" : origin.sheet()) + "#" + origin.row(), name);
                ruleAt.putIfAbsent("#" + origin.row(), name);
            }
        });
        try {
            List<SheetView> sheets = source.kind() == RuleSource.Kind.CSV ? List.of(csv(source, ruleAt)) : workbook(source, ruleAt);
            return new RuleFilePreview(List.of(), sheets, null);
        } catch (IOException | RuntimeException e) {
            return new RuleFilePreview(List.of(), List.of(), "The workbook cannot be read: " + e.getMessage());
        }
    }

    private static List<SheetView> workbook(RuleSource source, Map<String, String> ruleAt) throws IOException {
        List<SheetView> sheets = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
            for (Sheet sheet : workbook) {
                List<RowView> rows = new ArrayList<>();
                int columns = 0;
                int last = Math.min(sheet.getLastRowNum(), MAX_ROWS - 1);
                for (int r = 0; r <= last; r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    if (row != null) {
                        int lastCell = Math.min(row.getLastCellNum(), MAX_COLUMNS);
                        for (int c = 0; c < lastCell; c++) {
                            Cell cell = row.getCell(c);
                            cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                        }
                    }
                    columns = Math.max(columns, cells.size());
                    int number = r + 1;
                    rows.add(new RowView(number, cells, ruleAt.getOrDefault(sheet.getSheetName() + "#" + number,
                            ruleAt.get("#" + number))));
                }
                for (RowView row : rows) {
                    while (row.cells().size() < columns) {
                        row.cells().add("");
                    }
                }
                sheets.add(new SheetView(sheet.getSheetName(), columns, rows, sheet.getLastRowNum() >= MAX_ROWS));
            }
        }
        return sheets;
    }

    private static SheetView csv(RuleSource source, Map<String, String> ruleAt) {
        String[] text = source.text().split("\r?\n");
        List<RowView> rows = new ArrayList<>();
        int columns = 0;
        for (int i = 0; i < Math.min(text.length, MAX_ROWS); i++) {
            List<String> cells = splitCsv(text[i]);
            columns = Math.max(columns, cells.size());
            rows.add(new RowView(i + 1, cells, ruleAt.get("#" + (i + 1))));
        }
        for (RowView row : rows) {
            while (row.cells().size() < columns) {
                row.cells().add("");
            }
        }
        return new SheetView("CSV", columns, rows, text.length > MAX_ROWS);
    }

    /** One CSV line: commas separate, double quotes enclose, a doubled quote is a quote. */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
