package io.leadrouter.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A rule that fired for a lead, where it is written, and what it did: the "why" of a decision.
 *
 * @param name     the rule name, starting with its stable id ({@code "TERR-010 DACH enterprise"})
 * @param source   the file it came from, relative to the working directory ({@code "decision-tables/territories.xlsx"})
 * @param kind     {@code drl} or {@code decision-table}
 * @param line     the line of the {@code rule} keyword, for DRL
 * @param sheet    the worksheet, for a decision table
 * @param row      the spreadsheet row (1-based, as Excel shows it), for a decision table
 * @param salience the rule's precedence
 * @param effects  what its actions did, in order ({@code "addScore(+20, Enterprise segment)"})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatchedRule(String name, String source, String kind, Integer line, String sheet, Integer row,
                          int salience, List<String> effects) {
}
