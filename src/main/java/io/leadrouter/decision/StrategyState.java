package io.leadrouter.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * The fairness state a strategy used for one pick; each candidate's own figures (last turn, weight, current weight,
 * open leads) are on the candidate.
 *
 * @param rule                how the strategy picks, in words
 * @param turn                the pool's turn this pick made (assignments the pool has made, including this one)
 * @param totalWeight         weighted: the sum of the eligible reps' weights
 * @param currentWeightsAfter weighted: every eligible rep's current weight after the pick
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StrategyState(String rule, long turn, Integer totalWeight, Map<String, Long> currentWeightsAfter) {
}
