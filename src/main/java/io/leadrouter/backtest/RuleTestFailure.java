package io.leadrouter.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadrouter.engine.RuleError;

import java.util.List;

/**
 * A rule test case the candidate rules do not pass, or a test file that cannot be read.
 *
 * @param file     the test file
 * @param sheet    the worksheet, for a workbook
 * @param row      the spreadsheet row of the case (header = 1)
 * @param testCase the case's {@code case} text or lead id
 * @param field    the expectation that failed ({@code expect.team}); null for an unreadable file
 * @param expected what the case expects
 * @param actual   what the candidate rules did
 * @param firedRules the rules that fired, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleTestFailure(String file, String sheet, Integer row, String testCase, String field, String expected,
                              String actual, List<String> firedRules) {

    /** The failure as a located rule error, the form {@code lastAttempt.errors} and a 422 list. */
    public RuleError toRuleError() {
        String message = field == null ? "rule test file: " + actual
                : "rule test '" + testCase + "' failed: " + field + " expected " + expected + ", actual " + actual;
        return new RuleError(file, null, sheet, row, message);
    }
}
