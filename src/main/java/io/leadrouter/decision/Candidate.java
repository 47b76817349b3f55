package io.leadrouter.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rep in the pool, and whether they could take the lead.
 *
 * @param repId            the rep
 * @param name             their name
 * @param openLeads        their open leads when the decision was made
 * @param eligible         could receive the lead
 * @param excludedBecause  why not, when not eligible ({@code "out of office until 2026-03-02"},
 *                         {@code "at daily cap (5/5)"}, {@code "outside working hours"} ...)
 * @param weight           their weight (weighted strategy)
 * @param lastTurn         the pool turn of their last lead, or of joining the pool (round robin: smallest goes next)
 * @param currentWeight    their smooth weighted round robin weight before the pick
 * @param assignedToday    leads they received today, in their time zone, over every pool
 * @param assignedThisWeek leads they received this week, in their time zone, over every pool
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String repId, String name, int openLeads, boolean eligible, String excludedBecause,
                        Integer weight, Long lastTurn, Long currentWeight, Integer assignedToday,
                        Integer assignedThisWeek) {

    /** A rep of the pool as screened; {@code excludedBecause} null means eligible. No fairness figures yet. */
    public static Candidate screened(String repId, String name, int openLeads, String excludedBecause,
                                     int assignedToday, int assignedThisWeek) {
        return new Candidate(repId, name, openLeads, excludedBecause == null, excludedBecause, null, null, null,
                assignedToday, assignedThisWeek);
    }

    /** With the round-robin (or least-loaded) standing: the pool turn of their last lead. */
    public Candidate withTurn(long lastTurn) {
        return new Candidate(repId, name, openLeads, eligible, excludedBecause, weight, lastTurn, currentWeight,
                assignedToday, assignedThisWeek);
    }

    /** With the weighted standing: weight, last turn and smooth weighted round robin weight before the pick. */
    public Candidate withWeights(int weight, long lastTurn, long currentWeight) {
        return new Candidate(repId, name, openLeads, eligible, excludedBecause, weight, lastTurn, currentWeight,
                assignedToday, assignedThisWeek);
    }
}
