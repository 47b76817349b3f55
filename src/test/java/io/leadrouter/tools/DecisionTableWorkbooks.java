package io.leadrouter.tools;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * (Re)writes the example decision tables {@code decision-tables/lead-scoring.xlsx} and
 * {@code decision-tables/territories.xlsx} in the standard Drools layout.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.leadrouter.tools.DecisionTableWorkbooks</pre>
 *
 * <p>An optional argument names another output directory. The workbooks are the source of truth once sales ops edit
 * them in Excel; this generator exists so the examples can be rebuilt (and reviewed) from code. If you change a row
 * here, run it, and commit both this file and the regenerated .xlsx.
 */
public final class DecisionTableWorkbooks {

    /** Imports every example table needs. */
    static final String IMPORTS = "io.leadrouter.domain.Lead, io.leadrouter.domain.Segment";
    static final String PACKAGE = "io.leadrouter.rules";
    static final String ROUTING_VARIABLE = "io.leadrouter.domain.Routing routing";

    private DecisionTableWorkbooks() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "decision-tables");
        Files.createDirectories(dir);
        write(scoring(), dir.resolve("lead-scoring.xlsx"));
        write(territories(), dir.resolve("territories.xlsx"));
        System.out.println("Wrote " + dir.resolve("lead-scoring.xlsx") + " and " + dir.resolve("territories.xlsx"));
    }

    /** One column of a rule table: its keyword, the code snippet, and the plain-language header. */
    record Column(String keyword, String code, String label, int width) {
        boolean isCondition() {
            return keyword.equals("CONDITION");
        }
    }

    /** A whole rule table on one sheet. {@code rows} hold the data, one array per rule, blank cells as null. */
    record Table(String sheet, String ruleTable, String notes, List<Column> columns, List<Object[]> rows) {
    }

    static Workbook scoring() {
        List<Column> columns = List.of(
                new Column("NAME", "", "Rule (id + what it does)", 42),
                new Column("PRIORITY", "", "Salience (scoring band 1000-1999)", 14),
                new Column("CONDITION", "segment == Segment.$param", "Segment is\n(SMB, MID_MARKET, ENTERPRISE)", 20),
                new Column("CONDITION", "forall(||){industry == \"$\"}", "Industry is one of", 24),
                new Column("CONDITION", "forall(||){source == \"$\"}", "Lead source is one of", 22),
                new Column("CONDITION", "annualRevenue >= $param", "Annual revenue at least", 18),
                new Column("CONDITION", "annualRevenue < $param", "Annual revenue below", 18),
                new Column("ACTION", "routing.addScore($1, \"$2\");", "Points, reason\n(e.g. 30, Enterprise segment)", 36));
        List<Object[]> rows = List.of(
                new Object[]{"SCORE-010 Enterprise segment +30", 1100, "ENTERPRISE", null, null, null, null, "30, Enterprise segment"},
                new Object[]{"SCORE-011 Mid-market segment +15", 1100, "MID_MARKET", null, null, null, null, "15, Mid-market segment"},
                new Object[]{"SCORE-020 Financial Services industry +15", 1090, null, "Financial Services", null, null, null, "15, Financial Services industry"},
                new Object[]{"SCORE-021 Healthcare or Life Sciences industry +10", 1090, null, "Healthcare, Life Sciences", null, null, null, "10, Healthcare industry"},
                new Object[]{"SCORE-030 Demo request +25", 1080, null, null, "Demo request", null, null, "25, Asked for a demo"},
                new Object[]{"SCORE-031 Webinar or trial +10", 1080, null, null, "Webinar, Free trial", null, null, "10, Webinar or trial"},
                new Object[]{"SCORE-032 Purchased list -10", 1080, null, null, "Purchased list", null, null, "-10, Purchased list"},
                new Object[]{"SCORE-040 Revenue 1B or more +20", 1070, null, null, null, 1_000_000_000L, null, "20, Annual revenue 1B+"},
                new Object[]{"SCORE-041 Revenue 100M to 1B +10", 1070, null, null, null, 100_000_000L, 1_000_000_000L, "10, Annual revenue 100M-1B"});
        return build(new Table("Scoring", "RuleTable Lead scoring",
                "Points add up: every matching row adds its points. Blank cell = that condition does not apply to the row. "
                        + "Points, reason: a number, a comma, then a reason without commas.",
                columns, rows));
    }

    static Workbook territories() {
        List<Column> columns = List.of(
                new Column("NAME", "", "Rule (id + what it does)", 44),
                new Column("PRIORITY", "", "Salience (assignment band: territories 190-210)", 16),
                new Column("ACTIVATION-GROUP", "", "Activation group (always: assignment)", 16),
                new Column("CONDITION", "forall(||){country == \"$\"}", "Country is one of\n(ISO codes: DE, AT, CH)", 24),
                new Column("CONDITION", "forall(||){region == \"$\"}", "Region / US state is one of", 40),
                new Column("CONDITION", "forall(||){segment == Segment.$}", "Segment is one of", 22),
                new Column("ACTION", "routing.assignToTeam(\"$param\");", "Assign to team", 24));
        List<Object[]> rows = List.of(
                new Object[]{"TERR-010 DACH enterprise → DACH Enterprise team", 210, "assignment", "DE, AT, CH", null, "ENTERPRISE", "DACH Enterprise"},
                new Object[]{"TERR-020 DACH other segments → DACH Commercial team", 200, "assignment", "DE, AT, CH", null, null, "DACH Commercial"},
                new Object[]{"TERR-030 UK and Ireland → UK & Ireland team", 200, "assignment", "GB, UK, IE", null, null, "UK & Ireland"},
                new Object[]{"TERR-040 France and Benelux → France & Benelux team", 200, "assignment", "FR, BE, NL, LU", null, null, "France & Benelux"},
                new Object[]{"TERR-050 Spain, Portugal, Italy → Southern Europe team", 200, "assignment", "ES, PT, IT", null, null, "Southern Europe"},
                new Object[]{"TERR-060 US East Coast states → North America East team", 200, "assignment", "US",
                        "CT, DC, DE, FL, GA, MA, MD, ME, NC, NH, NJ, NY, PA, RI, SC, VA, VT, WV", null, "North America East"},
                new Object[]{"TERR-070 US West Coast and Mountain states → North America West team", 200, "assignment", "US",
                        "AK, AZ, CA, CO, HI, ID, MT, NM, NV, OR, UT, WA, WY", null, "North America West"},
                new Object[]{"TERR-080 Other US states and Canada → North America East team", 190, "assignment", "US, CA", null, null, "North America East"},
                new Object[]{"TERR-090 Latin America → LATAM team", 200, "assignment", "MX, BR, AR, CL, CO, PE", null, null, "LATAM"},
                new Object[]{"TERR-100 Asia-Pacific → APAC team", 200, "assignment", "AU, NZ, SG, JP, IN", null, null, "APAC"});
        return build(new Table("Territories", "RuleTable Territories",
                "Only the highest-precedence assignment rule fires (activation group 'assignment'). Owners (400), partners (350), "
                        + "VIP deals (300), nurture (270) and specialists (250-260) beat territories. Several values in one cell: separate with commas.",
                columns, rows));
    }

    static Workbook build(Table table) {
        Workbook wb = new XSSFWorkbook();
        Sheet sheet = wb.createSheet(table.sheet());
        CellStyle keyword = style(wb, true, IndexedColors.GREY_25_PERCENT, false);
        CellStyle header = style(wb, true, IndexedColors.LIGHT_CORNFLOWER_BLUE, true);
        CellStyle code = style(wb, false, IndexedColors.LEMON_CHIFFON, true);
        CellStyle data = style(wb, false, null, true);
        CellStyle plain = wb.createCellStyle();
        plain.setWrapText(false);

        int r = 0;
        set(sheet, r, 0, "RuleSet", keyword);
        set(sheet, r++, 1, PACKAGE, plain);
        set(sheet, r, 0, "Import", keyword);
        set(sheet, r++, 1, IMPORTS, plain);
        set(sheet, r, 0, "Variables", keyword);
        set(sheet, r++, 1, ROUTING_VARIABLE, plain);
        set(sheet, r, 0, "Notes", keyword);
        set(sheet, r++, 1, table.notes(), plain);
        r++; // blank spacer row

        int first = 0;
        set(sheet, r++, first, table.ruleTable(), keyword);

        List<Column> cols = table.columns();
        // Row: the column keywords.
        for (int c = 0; c < cols.size(); c++) {
            set(sheet, r, c, cols.get(c).keyword(), keyword);
        }
        r++;
        // Row: the object type, merged across the condition columns (blank cells inside the merged region).
        int firstCondition = -1;
        int lastCondition = -1;
        for (int c = 0; c < cols.size(); c++) {
            if (cols.get(c).isCondition()) {
                if (firstCondition < 0) firstCondition = c;
                lastCondition = c;
            }
        }
        for (int c = 0; c < cols.size(); c++) {
            set(sheet, r, c, c == firstCondition ? "$lead : Lead" : null, code);
        }
        if (lastCondition > firstCondition) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, firstCondition, lastCondition));
        }
        r++;
        // Row: the code snippets.
        for (int c = 0; c < cols.size(); c++) {
            set(sheet, r, c, cols.get(c).code().isEmpty() ? null : cols.get(c).code(), code);
        }
        r++;
        // Row: plain-language headers for sales ops.
        int headerRow = r;
        for (int c = 0; c < cols.size(); c++) {
            set(sheet, r, c, cols.get(c).label(), header);
        }
        sheet.getRow(r).setHeightInPoints(32);
        r++;
        // Data rows.
        for (Object[] values : table.rows()) {
            for (int c = 0; c < cols.size(); c++) {
                Object v = c < values.length ? values[c] : null;
                Cell cell = sheet.getRow(r) == null ? sheet.createRow(r).createCell(c) : sheet.getRow(r).createCell(c);
                cell.setCellStyle(data);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v != null) {
                    cell.setCellValue(v.toString());
                }
            }
            r++;
        }
        for (int c = 0; c < cols.size(); c++) {
            sheet.setColumnWidth(c, cols.get(c).width() * 256);
        }
        sheet.createFreezePane(1, headerRow + 1);
        return wb;
    }

    private static CellStyle style(Workbook wb, boolean bold, IndexedColors fill, boolean border) {
        CellStyle s = wb.createCellStyle();
        Font font = wb.createFont();
        font.setBold(bold);
        s.setFont(font);
        s.setWrapText(true);
        s.setAlignment(HorizontalAlignment.LEFT);
        if (fill != null) {
            s.setFillForegroundColor(fill.getIndex());
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
        if (border) {
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
        }
        return s;
    }

    private static void set(Sheet sheet, int row, int col, String value, CellStyle style) {
        Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
        Cell cell = r.createCell(col);
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    static void write(Workbook wb, Path file) throws IOException {
        try (wb; OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
    }
}
