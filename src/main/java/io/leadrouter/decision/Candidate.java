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

}
