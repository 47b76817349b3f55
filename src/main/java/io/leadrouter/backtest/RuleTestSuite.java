package io.leadrouter.backtest;

import io.leadrouter.domain.Priority;
import io.leadrouter.engine.RuleSourceReader;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sales ops' rule test cases: every {@code *.csv}, {@code *.xlsx} and {@code *.xls} under the {@code tests/} folder
 * of the rules and decision-table directories. Header row: lead field names (as for any file of leads, see
 * {@link LeadColumns}), an optional {@code case} column, then the expectations {@code expect.team},
 * {@code expect.rep}, {@code expect.queue}, {@code expect.specialists}, {@code expect.rule}, {@code expect.score},
 * {@code expect.priority}. One case per row; blank rows are skipped. Workbooks: the first sheet.
 */
public final class RuleTestSuite {

    public static final String CASE = "case";
    public static final String TEAM = "expect.team";
    public static final String REP = "expect.rep";
    public static final String QUEUE = "expect.queue";
    public static final String SPECIALISTS = "expect.specialists";
    public static final String RULE = "expect.rule";
    public static final String SCORE = "expect.score";
    public static final String PRIORITY = "expect.priority";
    private static final Set<String> OWN_COLUMNS = Set.of(CASE, TEAM, REP, QUEUE, SPECIALISTS, RULE, SCORE, PRIORITY);

    /**
     * The cases read, and every problem that kept a file or row from being read (reported like failing cases, so a
     * broken test file blocks activation too rather than silently testing nothing).
     */
    public record Loaded(List<RuleTestCase> cases, List<RuleTestFailure> unreadable) {
    }

    private RuleTestSuite() {
    }

    public static Loaded read(List<Path> ruleDirectories) {
        List<RuleTestCase> cases = new ArrayList<>();
        List<RuleTestFailure> unreadable = new ArrayList<>();
        for (Path dir : ruleDirectories.stream().distinct().toList()) {
            Path tests = dir.resolve(RuleSourceReader.TESTS_DIR);
            if (!Files.isDirectory(tests)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(tests)) {
                files = walk.filter(Files::isRegularFile).filter(f -> !RuleSourceReader.isTemporary(f)).sorted().toList();
            } catch (IOException e) {
                unreadable.add(new RuleTestFailure(tests.toString(), null, null, null, null, null,
                        "cannot list the folder: " + e.getMessage(), null));
                continue;
            }
            for (Path file : files) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                String display = RuleSourceReader.displayPath(dir, file);
                try {
                    if (name.endsWith(".csv")) {
                        readCsv(display, Files.readString(file, StandardCharsets.UTF_8), cases, unreadable);
                    } else if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
                        try (InputStream in = Files.newInputStream(file)) {
                            readWorkbook(display, in, cases, unreadable);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    if (e instanceof BadInputException bad) {
                        for (BadInputException.InputError error : bad.errors()) {
                            unreadable.add(unreadable(display, null, error));
                        }
                    } else {
                        unreadable.add(new RuleTestFailure(display, null, null, null, null, null,
                                "cannot read the file: " + e.getMessage(), null));
                    }
                }
            }
        }
        return new Loaded(List.copyOf(cases), List.copyOf(unreadable));
    }

    static void readCsv(String file, String text, List<RuleTestCase> cases, List<RuleTestFailure> unreadable) {
        try (CsvRows rows = new CsvRows(new StringReader(text))) {
            CsvRows.Row header = rows.next();
            if (header == null) {
                return; // an empty file has no cases
            }
            Columns columns = new Columns(LeadColumns.of(header.cells(), OWN_COLUMNS::contains));
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                columns.add(file, null, row, cases, unreadable);
            }
        }
    }

    static void readWorkbook(String file, InputStream in, List<RuleTestCase> cases, List<RuleTestFailure> unreadable)
            throws IOException {
        try (Workbook workbook = WorkbookFactory.create(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            Columns columns = null;
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                }
                CsvRows.Row csvRow = new CsvRows.Row(row.getRowNum() + 1, cells);
                if (columns == null) {
                    if (csvRow.isBlank()) {
                        continue;
                    }
                    try {
                        columns = new Columns(LeadColumns.of(cells, OWN_COLUMNS::contains));
                    } catch (BadInputException e) {
                        e.errors().forEach(error -> unreadable.add(unreadable(file, sheet.getSheetName(),
                                new BadInputException.InputError(csvRow.number(), error.field(), error.message()))));
                        return;
                    }
                    continue;
                }
                columns.add(file, sheet.getSheetName(), csvRow, cases, unreadable);
            }
        }
    }

    private static RuleTestFailure unreadable(String file, String sheet, BadInputException.InputError error) {
        return new RuleTestFailure(file, sheet, error.row(), null, null, null,
                (error.field() == null ? "" : error.field() + ": ") + error.message(), null);
    }

    /** The header of one test file: where each expectation is. */
    private static final class Columns {
        private final LeadColumns lead;

        Columns(LeadColumns lead) {
            this.lead = lead;
            if (!(has(TEAM) || has(REP) || has(QUEUE) || has(SPECIALISTS) || has(RULE) || has(SCORE) || has(PRIORITY))) {
                throw BadInputException.at(1, null, "no expectation column: add at least one of " + TEAM + ", "
                        + REP + ", " + QUEUE + ", " + SPECIALISTS + ", " + RULE + ", " + SCORE + ", " + PRIORITY);
            }
        }

        boolean has(String column) {
            return lead.indexOf(column) >= 0;
        }

        String cell(CsvRows.Row row, String column) {
            int i = lead.indexOf(column);
            String value = i < 0 ? "" : row.cell(i).trim();
            return value.isEmpty() ? null : value;
        }

        void add(String file, String sheet, CsvRows.Row row, List<RuleTestCase> cases, List<RuleTestFailure> unreadable) {
            if (row.isBlank()) {
                return;
            }
            try {
                Integer score = null;
                String scoreText = cell(row, SCORE);
                if (scoreText != null) {
                    try {
                        score = Integer.parseInt(scoreText.endsWith(".0") ? scoreText.substring(0, scoreText.length() - 2) : scoreText);
                    } catch (NumberFormatException e) {
                        throw BadInputException.at(row.number(), SCORE, "'" + scoreText + "' is not a whole number");
                    }
                }
                Priority priority = null;
                String priorityText = cell(row, PRIORITY);
                if (priorityText != null) {
                    try {
                        priority = Priority.valueOf(priorityText.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw BadInputException.at(row.number(), PRIORITY, "'" + priorityText + "' is not one of LOW, NORMAL, HIGH, URGENT");
                    }
                }
                RuleTestCase testCase = new RuleTestCase(file, sheet, row.number(), cell(row, CASE), lead.lead(row),
                        cell(row, TEAM), cell(row, REP), cell(row, QUEUE), cell(row, SPECIALISTS), cell(row, RULE),
                        score, priority);
                if (testCase.team() == null && testCase.rep() == null && testCase.queue() == null
                        && testCase.specialists() == null && testCase.rule() == null && score == null && priority == null) {
                    throw BadInputException.at(row.number(), null, "the case expects nothing: fill at least one expect.* cell");
                }
                cases.add(testCase);
            } catch (BadInputException e) {
                e.errors().forEach(error -> unreadable.add(unreadable(file, sheet, error)));
            }
        }
    }
}
