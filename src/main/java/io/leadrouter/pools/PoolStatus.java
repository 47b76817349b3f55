package io.leadrouter.pools;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A pool's fairness state as ops see it ({@code GET /api/pools}).
 *
 * @param pool              the state key ({@code team:emea})
 * @param turn              assignments the pool has made by strategy (sticky assignments are not turns)
 * @param defaultStrategy   the strategy when the rule names none
 * @param whenNobodyEligible {@code QUEUE <name>} or {@code HOLD}
 * @param updatedAt         the last pick
 * @param members           the reps in the pool now, and any that have left but still have state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolStatus(String pool, long turn, String defaultStrategy, String whenNobodyEligible, Instant updatedAt,
                         List<Member> members) {

    /**
     * @param repId            the rep
     * @param name             their name, or null when no longer on the roster
     * @param inPool           true while the rep belongs to the pool (team, specialty)
     * @param availableNow     whether they could take a lead now (caps and tier aside from the lead's segment)
     * @param excludedBecause  why not
     * @param weight           their weight
     * @param lastTurn         the turn of their last lead from the pool (or of joining it)
     * @param currentWeight    smooth weighted round robin's running weight
     * @param openLeads        open leads now
     * @param assignedToday    leads from this pool today, in the rep's time zone
     * @param assignedThisWeek leads from this pool this week (from Monday), in the rep's time zone
     * @param assignedTotal    leads from this pool ever
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String repId, String name, boolean inPool, boolean availableNow, String excludedBecause,
                         Integer weight, Long lastTurn, Long currentWeight, Integer openLeads, long assignedToday,
                         long assignedThisWeek, long assignedTotal) {
    }
}
