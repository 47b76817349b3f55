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

    /**
     * What the rules asked for: the part of an explanation every outcome shares.
     *
     * @param target       the deciding rule's target ({@code "team DACH"}), or null when no rule assigned the lead
     * @param decidedBy    the rule whose assignment stood, or null
     * @param minimumTier  the tier the rules required, or null
     * @param scoreChanges how the score was built up
     */
    public record Asked(String target, String decidedBy, String minimumTier, List<ScoreChange> scoreChanges) {
    }

    /** A rep got the lead: picked by {@code strategy} (a fairness strategy, {@code direct} or {@code sticky owner}). */
    public static Explanation assigned(Asked asked, List<Candidate> candidates, String strategy, String outcome,
                                       String pool, StrategyState strategyState, String ownership, String chosen) {
        return new Explanation(asked.target(), asked.decidedBy(), asked.minimumTier(), candidates, strategy, outcome,
                asked.scoreChanges(), pool, strategyState, ownership, chosen);
    }

    /** Nobody got the lead: it was queued or held, and {@code outcome} says which and why. */
    public static Explanation notAssigned(Asked asked, List<Candidate> candidates, String outcome, String pool,
                                          String ownership) {
        return new Explanation(asked.target(), asked.decidedBy(), asked.minimumTier(), candidates, null, outcome,
                asked.scoreChanges(), pool, null, ownership, null);
    }

    /** What the rules asked for, as this explanation records it. */
    public Asked asked() {
        return new Asked(target, decidedBy, minimumTier, scoreChanges);
    }

    /** The same explanation with another outcome sentence. */
    public Explanation withOutcome(String outcome) {
        return new Explanation(target, decidedBy, minimumTier, candidates, strategy, outcome, scoreChanges, pool,
                strategyState, ownership, chosen);
    }

    /** The same explanation with another score history (a re-route keeps the original one). */
    public Explanation withScoreChanges(List<ScoreChange> scoreChanges) {
        return new Explanation(target, decidedBy, minimumTier, candidates, strategy, outcome, scoreChanges, pool,
                strategyState, ownership, chosen);
    }
}
