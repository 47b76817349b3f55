package io.leadrouter.engine;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule of a compiled rule base as the lint reads it: salience and activation group as the engine compiled them,
 * the condition and action text of its DRL (generated DRL for a table row), where it is written, and, for a row of a
 * workbook decision table, the row's cells with each column's code snippet, so conditions can be compared from what
 * the author typed rather than from generated DRL.
 */
public final class RuleInventory {

    /**
     * One condition cell of a table row.
     *
     * @param code the column's code snippet ({@code forall(||){country == "$"}})
     * @param cell the cell as typed ({@code DE, AT, CH}); blank means "any"
     */
    public record TableCondition(String code, String cell) {
    }

    /**
     * One rule.
     *
     * @param name            the rule name
     * @param origin          where it is written (null if unknown)
     * @param salience        its salience, or null when it is computed per match
     * @param activationGroup its activation group, or null
     * @param conditions      the text between {@code when} and {@code then}
     * @param actions         the text between {@code then} and {@code end}
     * @param tableConditions for a workbook table row: every CONDITION column of its table, in order; else null
     */
    public record RuleEntry(String name, RuleOrigin origin, Integer salience, String activationGroup, String conditions,
                            String actions, List<TableCondition> tableConditions) {
    }

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+))");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)");

    private RuleInventory() {
    }

    public static List<RuleEntry> of(CompiledRules rules) {
        Map<String, RuleImpl> compiled = new HashMap<>();
        for (KiePackage kiePackage : rules.kieBase().getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                if (rule instanceof RuleImpl impl) {
                    compiled.put(CompiledRules.key(rule.getPackageName(), rule.getName()), impl);
                }
            }
        }
        List<RuleEntry> entries = new ArrayList<>();
        for (RuleSource source : rules.sources().sources()) {
            String drl;
            Map<Integer, List<TableCondition>> rows = Map.of();
            if (source.isDecisionTable()) {
                try {
                    drl = DecisionTableTranslator.translate(source).drl();
                } catch (RuleCompilationException e) {
                    continue; // cannot happen for a compiled set
                }
                if (source.kind() != RuleSource.Kind.CSV) {
                    rows = tableRows(source);
                }
            } else {
                drl = source.text();
            }
            for (Block block : blocks(drl)) {
                String key = CompiledRules.key(block.pkg, block.name);
                RuleImpl impl = compiled.get(key);
                RuleOrigin origin = rules.origins().get(key);
                Integer salience = impl == null || impl.isSalienceDynamic() ? null : impl.getSalienceValue();
                String group = impl == null || impl.getActivationGroup() == null || impl.getActivationGroup().isEmpty()
                        ? null : impl.getActivationGroup();
                List<TableCondition> cells = origin != null && origin.row() != null ? rows.get(origin.row()) : null;
                entries.add(new RuleEntry(block.name, origin, salience, group, block.when, block.then, cells));
            }
        }
        return entries;
    }

    private record Block(String pkg, String name, String when, String then) {
    }

    /** The rules of a DRL text: name, and the text of its condition and action parts. */
    private static List<Block> blocks(String drl) {
        List<Block> blocks = new ArrayList<>();
        String pkg = CompiledRules.DEFAULT_PACKAGE;
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher p = PACKAGE.matcher(lines[i]);
            if (p.find()) {
                pkg = p.group(1);
                continue;
            }
            Matcher r = RULE.matcher(lines[i]);
            if (!r.find()) {
                continue;
            }
            String name = r.group(1) != null ? r.group(1).replace("\\\"", "\"") : r.group(2) != null ? r.group(2) : r.group(3);
            StringBuilder when = new StringBuilder();
            StringBuilder then = new StringBuilder();
            StringBuilder into = null;
            int j = i + 1;
            for (; j < lines.length; j++) {
                String line = lines[j].trim();
                if (line.equals("end")) {
                    break;
                }
                if (line.equals("when")) {
                    into = when;
                } else if (line.equals("then")) {
                    into = then;
                } else if (into != null && !line.startsWith("//")) {
                    into.append(line).append('\n');
                }
            }
            blocks.add(new Block(pkg, name, when.toString(), then.toString()));
            i = j;
        }
        return blocks;
    }

    /**
     * The condition cells of every data row of the RuleTables on the workbook's first sheet (the only one compiled),
     * by 1-based row. Standard layout: RuleTable, keywords, object types, code, labels, then data rows until a blank
     * row.
     */
    private static Map<Integer, List<TableCondition>> tableRows(RuleSource source) {
        Map<Integer, List<TableCondition>> rows = new LinkedHashMap<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
            if (workbook.getNumberOfSheets() == 0) {
                return rows;
            }
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                for (Cell cell : row) {
                    if (!formatter.formatCellValue(cell).trim().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                        continue;
                    }
                    int firstColumn = cell.getColumnIndex();
                    Row keywords = sheet.getRow(r + 1);
                    Row code = sheet.getRow(r + 3);
                    if (keywords == null || code == null) {
                        break;
                    }
                    List<Integer> conditionColumns = new ArrayList<>();
                    for (int c = firstColumn; c < keywords.getLastCellNum(); c++) {
                        if (text(formatter, keywords, c).equalsIgnoreCase("CONDITION")) {
                            conditionColumns.add(c);
                        }
                    }
                    for (int d = r + 5; d <= sheet.getLastRowNum(); d++) {
                        Row data = sheet.getRow(d);
                        if (data == null || blank(formatter, data, firstColumn, keywords.getLastCellNum())) {
                            r = d;
                            break;
                        }
                        List<TableCondition> conditions = new ArrayList<>();
                        for (int c : conditionColumns) {
                            conditions.add(new TableCondition(text(formatter, code, c), text(formatter, data, c)));
                        }
                        rows.put(d + 1, conditions);
                        r = d;
                    }
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The table compiled, so POI read it once already; without cells, its rows are compared like DRL rules.
            return Map.of();
        }
        return rows;
    }

    private static String text(DataFormatter formatter, Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : formatter.formatCellValue(cell).trim();
    }

    private static boolean blank(DataFormatter formatter, Row row, int from, int to) {
        for (int c = from; c < to; c++) {
            if (!text(formatter, row, c).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
