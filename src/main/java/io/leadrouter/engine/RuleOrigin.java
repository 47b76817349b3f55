package io.leadrouter.engine;

/**
 * Where a compiled rule is written.
 *
 * @param file  the rule file
 * @param kind  {@code drl} or {@code decision-table}
 * @param line  the line of the {@code rule} keyword, for DRL
 * @param sheet the worksheet, for a decision table
 * @param row   the spreadsheet row (1-based), for a decision table
 */
public record RuleOrigin(String file, String kind, Integer line, String sheet, Integer row) {

    static RuleOrigin drl(String file, int line) {
        return new RuleOrigin(file, "drl", line, null, null);
    }

    static RuleOrigin table(String file, String sheet, Integer row) {
        return new RuleOrigin(file, "decision-table", null, sheet, row);
    }
}
