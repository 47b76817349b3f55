package io.leadrouter.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadrouter.domain.ScoreChange;

import java.util.List;

/**
 * Why the lead went where it went, beyond the list of rules that fired.
 *
 * @param target        what the deciding rule asked for ({@code "team DACH"}), or null when no rule assigned it
 * @param decidedBy     the rule whose assignment stood
 * @param minimumTier   the tier the rules required, if any
 * @param candidates    every rep in the pool, with the reason each excluded one was skipped
 * @param strategy      how one rep was picked from the eligible ones: {@code ROUND_ROBIN}, {@code WEIGHTED},
 *                      {@code LEAST_LOADED}, {@code direct} or {@code sticky owner}
 * @param outcome       the result in one sentence, including any fallback and its reason
 * @param scoreChanges  how the score was built up
 * @param pool          the pool's state key ({@code team:dach}), when the target was a pool
 * @param strategyState the fairness state the strategy used (turn, weights)
 * @param ownership     sticky ownership: which existing owner was found and whether they got the lead, or why not
 * @param chosen        the rep id that got the lead
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Explanation(String target, String decidedBy, String minimumTier, List<Candidate> candidates,
                          String strategy, String outcome, List<ScoreChange> scoreChanges, String pool,
                          StrategyState strategyState, String ownership, String chosen) {

}
