package io.leadrouter.domain;

/**
 * One adjustment of the lead score.
 *
 * @param points added (negative to subtract)
 * @param reason what the rule author wrote, or the rule name when they wrote nothing
 * @param rule   the rule that made it
 */
public record ScoreChange(int points, String reason, String rule) {
}
