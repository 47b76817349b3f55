package io.leadrouter.backtest;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Priority;

/**
 * One row of a rule test file: a lead and what the rules must make of it. Blank expectations are not checked.
 *
 * @param file        the test file, as the rule directories name it ({@code rules/tests/territories.csv})
 * @param sheet       the worksheet, for a workbook
 * @param row         the spreadsheet row (header = 1)
 * @param name        the {@code case} column, if any: what the case is about
 * @param lead        the lead
 * @param team        {@code expect.team}: the team the rules must assign
 * @param rep         {@code expect.rep}: the rep id
 * @param queue       {@code expect.queue}: the queue
 * @param specialists {@code expect.specialists}: the specialty
 * @param rule        {@code expect.rule}: the id of the rule that must pick the target ({@code TERR-010})
 * @param score       {@code expect.score}: the final score
 * @param priority    {@code expect.priority}: the final priority
 */
public record RuleTestCase(String file, String sheet, int row, String name, Lead lead, String team, String rep,
                           String queue, String specialists, String rule, Integer score, Priority priority) {

    /** How a failure names the case: its {@code case} text, else its lead id. */
    public String label() {
        return name != null ? name : lead.getId();
    }
}
