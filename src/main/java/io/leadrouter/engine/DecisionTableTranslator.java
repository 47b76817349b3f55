package io.leadrouter.engine;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.decisiontable.parser.csv.CsvParser;
import org.drools.decisiontable.parser.xls.ExcelParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a decision table (standard Drools layout: RuleSet, Import, RuleTable, CONDITION/ACTION rows) into DRL, and
 * keeps what is needed to point back from a generated DRL line to the sheet and row a sales-ops user edits.
 *
 * <p>Tables are translated here rather than handed to {@code KieBuilder}, which only picks tables up by the
 * {@code *.drl.xlsx} naming convention and reports errors against generated lines nobody can see.
 */
final class DecisionTableTranslator {

    /** The comment Drools writes above each generated rule: {@code // rule values at A12, header at A7}. */
    private static final Pattern ROW_COMMENT = Pattern.compile("^// rule values at ([A-Z]+)(\\d+), header at ([A-Z]+\\d+)");

    /**
     * A table translated to DRL. {@code rowOfLine[i]} is the sheet row behind DRL line i+1, or 0 for none;
     * {@code cells} reads the text of the compiled sheet, to name the cell an error is about: only when an error is
     * worded, so a table that compiles is never read a second time.
     */
    record Translation(String drl, int[] rowOfLine, String[] sheetOfLine, java.util.function.Supplier<SheetCells> cellsOnDemand) {

        SheetCells cells() {
            return cellsOnDemand.get();
        }

        Integer rowAt(int line) {
            return line >= 1 && line <= rowOfLine.length && rowOfLine[line - 1] > 0 ? rowOfLine[line - 1] : null;
        }

        String sheetAt(int line) {
            return line >= 1 && line <= sheetOfLine.length ? sheetOfLine[line - 1] : null;
        }
    }

    private DecisionTableTranslator() {
    }

    /**
     * @throws RuleCompilationException when the table's layout cannot be read (no RuleSet, a broken header row...)
     */
    static Translation translate(RuleSource source) {
        String drl;
        List<String> tableSheets;
        try {
            if (source.kind() == RuleSource.Kind.CSV) {
                // What SpreadsheetCompiler.compile(InputStream, InputType.CSV) does, with "..." merges filled in.
                SpreadsheetCompiler compiler = new SpreadsheetCompiler();
                DefaultRuleSheetListener listener = new DefaultRuleSheetListener(true, true);
                new CsvParser(new MergedCellText(listener), new CsvLineParser())
                        .parseFile(new ByteArrayInputStream(source.content()));
                drl = compiler.listenerToString(listener);
                tableSheets = List.of();
            } else {
                // One parse of the workbook for our checks and Drools' translation: a parse of a large XLSX allocates
                // several times the file's unpacked size, and a reload should not do it three times.
                try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
                    tableSheets = ruleTableHeaders(workbook);
                    rejectTablesBeyondFirstSheet(source, workbook, tableSheets);
                    // What SpreadsheetCompiler.compile(InputStream, InputType.XLS) does after its own parse.
                    SpreadsheetCompiler compiler = new SpreadsheetCompiler();
                    DefaultRuleSheetListener listener = new DefaultRuleSheetListener(true, true);
                    if (workbook.getNumberOfSheets() > 0) {
                        writeCoveredCells(workbook.getSheetAt(0));
                    }
                    new ExcelParser(listener).parseWorkbook(workbook);
                    drl = compiler.listenerToString(listener);
                }
            }
        } catch (RuleCompilationException e) {
            throw e;
        } catch (RuntimeException e) {
            RuleError atCell = DecisionTableErrors.layoutError(source.path(), SheetCells.read(source), rootMessage(e));
            if (atCell != null) {
                throw new RuleCompilationException(List.of(atCell));
            }
            throw new RuleCompilationException(List.of(new RuleError(source.path(), null, null, null,
                    "not a readable decision table: " + rootMessage(e))));
        } catch (IOException e) {
            throw new RuleCompilationException(List.of(new RuleError(source.path(), null, null, null,
                    "not a readable decision table: " + rootMessage(e))));
        }
        if (drl == null || drl.isBlank()) {
            throw new RuleCompilationException(List.of(new RuleError(source.path(), null, null, null,
                    "no RuleSet found: a decision table needs a 'RuleSet' cell and at least one 'RuleTable'")));
        }
        return index(drl, tableSheets, SheetCells.onDemand(source));
    }

    /**
     * Maps each line of the DRL to the row (and sheet) its rule came from. Drools's comment names the header cell
     * but not the sheet, so headers are matched in order against the RuleTable cells found in the workbook.
     */
    private static Translation index(String drl, List<String> headers, java.util.function.Supplier<SheetCells> cells) {
        String[] lines = drl.split("\n", -1);
        int[] rows = new int[lines.length];
        String[] sheets = new String[lines.length];
        int row = 0;
        String sheet = null;
        int headerCursor = 0;
        String lastHeader = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ROW_COMMENT.matcher(lines[i].trim());
            if (m.find()) {
                row = Integer.parseInt(m.group(2));
                String header = m.group(3);
                if (!header.equals(lastHeader)) {
                    for (int h = headerCursor; h < headers.size(); h++) {
                        if (headers.get(h).endsWith("!" + header)) {
                            sheet = headers.get(h).substring(0, headers.get(h).lastIndexOf('!'));
                            headerCursor = h + 1;
                            break;
                        }
                    }
                    lastHeader = header;
                }
            }
            rows[i] = row;
            sheets[i] = sheet;
        }
        return new Translation(drl, rows, sheets, cells);
    }

    /**
     * Drools's SpreadsheetCompiler reads only the first worksheet of a workbook: a RuleTable on any other sheet would be
     * silently ignored (and a workbook whose first sheet is, say, a "Read me" fails with "No RuleTable cells").
     * Refuse such a workbook, pointing at the table that would not load.
     */
    private static void rejectTablesBeyondFirstSheet(RuleSource source, Workbook workbook, List<String> headers) {
        if (headers.isEmpty()) {
            return;
        }
        String firstSheet = workbook.getNumberOfSheets() == 0 ? null : workbook.getSheetAt(0).getSheetName();
        List<RuleError> errors = new ArrayList<>();
        for (String header : headers) {
            int bang = header.lastIndexOf('!');
            String sheet = header.substring(0, bang);
            if (!sheet.equals(firstSheet)) {
                errors.add(new RuleError(source.path(), null, sheet, new CellReference(header.substring(bang + 1)).getRow() + 1,
                        "RuleTable on sheet '" + sheet + "' would be ignored: only the first sheet of a workbook ('"
                                + firstSheet + "') is compiled. Move the table to the first sheet or to its own file."));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors);
        }
    }

    /**
     * Creates the cells a merged range covers where the file has none. Drools' Excel parser gives a covered cell the
     * text of its range's first cell, but only visits cells that exist: Excel, POI and LibreOffice write covered cells
     * (blank), openpyxl writes only the sheet's merge list. Without this, a CONDITION column under a merged object type
     * ({@code $lead : Lead}) written by openpyxl gets no object type and every row fails with {@code mismatched input}.
     */
    private static void writeCoveredCells(Sheet sheet) {
        for (CellRangeAddress range : sheet.getMergedRegions()) {
            // Rows past the sheet's last row hold no rule: a range merged down a whole column creates no million cells.
            for (int r = range.getFirstRow(); r <= Math.min(range.getLastRow(), sheet.getLastRowNum()); r++) {
                Row row = sheet.getRow(r) != null ? sheet.getRow(r) : sheet.createRow(r);
                for (int c = range.getFirstColumn(); c <= range.getLastColumn(); c++) {
                    if (row.getCell(c) == null) {
                        row.createCell(c, CellType.BLANK);
                    }
                }
            }
        }
    }

    /** Every "RuleTable" cell in the workbook, in sheet and row order, as {@code sheet!A7}. */
    private static List<String> ruleTableHeaders(Workbook workbook) {
        List<String> headers = new ArrayList<>();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING
                            && cell.getStringCellValue().trim().toLowerCase().startsWith("ruletable")) {
                        headers.add(sheet.getSheetName() + "!"
                                + new CellReference(cell.getRowIndex(), cell.getColumnIndex()).formatAsString(false));
                    }
                }
            }
        }
        return headers;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == e || e.getMessage() == null ? message : e.getMessage() + " (" + message + ")";
    }
}
