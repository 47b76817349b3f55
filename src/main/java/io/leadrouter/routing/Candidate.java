package io.leadrouter.routing;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rep in the pool, and whether they could take the lead.
 *
 * @param repId          the rep
 * @param name           their name
 * @param openLeads      their open leads when the decision was made
 * @param eligible       could receive the lead
 * @param excludedBecause why not, when not eligible ({@code "out of office"}, {@code "at capacity (10/10)"} ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String repId, String name, int openLeads, boolean eligible, String excludedBecause) {
}
