package io.leadrouter.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadrouter.engine.RuleError;
import io.leadrouter.engine.RuleOrigin;

import java.util.List;

/**
 * One thing the lint found in a rule set.
 *
 * @param kind    {@code same-salience}, {@code shadowed-row}, {@code unservable-target} or {@code dead-rule}
 * @param rule    the rule the finding is about
 * @param file    where that rule is written
 * @param line    its DRL line
 * @param sheet   its sheet, for a table row
 * @param row     its row, for a table row
 * @param message what is wrong and what follows from it
 * @param related the other rules involved (the same-salience neighbour, the row that shadows), with their location
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LintFinding(String kind, String rule, String file, Integer line, String sheet, Integer row,
                          String message, List<String> related) {

    public static final String SAME_SALIENCE = "same-salience";
    public static final String SHADOWED_ROW = "shadowed-row";
    public static final String UNSERVABLE_TARGET = "unservable-target";
    public static final String DEAD_RULE = "dead-rule";

    static LintFinding of(String kind, String rule, RuleOrigin origin, String message, List<String> related) {
        return new LintFinding(kind, rule, origin == null ? null : origin.file(), origin == null ? null : origin.line(),
                origin == null ? null : origin.sheet(), origin == null ? null : origin.row(), message, related);
    }

    public RuleError toRuleError() {
        return new RuleError(file, line, sheet, row, "lint " + kind + ": " + message);
    }

    /** {@code decision-tables/territories.xlsx sheet 'Territories' row 13}, {@code rules/x.drl line 9}. */
    static String where(RuleOrigin origin) {
        if (origin == null) {
            return "(unknown place)";
        }
        StringBuilder where = new StringBuilder(origin.file());
        if (origin.sheet() != null) where.append(" sheet '").append(origin.sheet()).append('\'');
        if (origin.row() != null) where.append(" row ").append(origin.row());
        if (origin.line() != null) where.append(" line ").append(origin.line());
        return where.toString();
    }
}
