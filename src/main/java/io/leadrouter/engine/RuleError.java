package io.leadrouter.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One compile error, located as precisely as Drools allows.
 *
 * @param file    the rule file
 * @param line    the DRL line, for a DRL file
 * @param sheet   the worksheet, for a decision table
 * @param row     the spreadsheet row (1-based), for a decision table
 * @param column  the spreadsheet column letter of the cell at fault, for a decision table, when it can be told
 * @param header  that column's header (the label row of its RuleTable)
 * @param cell    that cell's text as the author typed it
 * @param message what is wrong, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleError(String file, Integer line, String sheet, Integer row, String column, String header, String cell,
                        String message) {

    /** An error without a cell: a DRL line, or a table row whose cell at fault cannot be told. */
    public RuleError(String file, Integer line, String sheet, Integer row, String message) {
        this(file, line, sheet, row, null, null, null, message);
    }

    /** Where and what, for logs; a table error's message already names its column and cell. */
    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file == null ? "(rules)" : file);
        if (sheet != null) where.append(" sheet '").append(sheet).append('\'');
        if (row != null) where.append(" row ").append(row);
        if (line != null) where.append(" line ").append(line);
        return where + ": " + message;
    }
}
