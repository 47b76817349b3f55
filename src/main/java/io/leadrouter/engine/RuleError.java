package io.leadrouter.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One compile error, located as precisely as Drools allows.
 *
 * @param file    the rule file
 * @param line    the DRL line, for a DRL file
 * @param sheet   the worksheet, for a decision table
 * @param row     the spreadsheet row (1-based), for a decision table
 * @param message what is wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleError(String file, Integer line, String sheet, Integer row, String message) {

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file == null ? "(rules)" : file);
        if (sheet != null) where.append(" sheet '").append(sheet).append('\'');
        if (row != null) where.append(" row ").append(row);
        if (line != null) where.append(" line ").append(line);
        return where + ": " + message;
    }
}
