package io.leadrouter.bench;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Segment;

/**
 * One row of a territory table. A {@code null} condition is a wildcard (an empty cell in the sheet). The range
 * condition {@code minEmployees} matches a lead with at least that many employees; a lead whose size is unknown does
 * not match it, as in Drools where a comparison with {@code null} is false.
 */
public record TerritoryRow(String name, String country, String region, Segment segment, String industry, String source,
                           Integer minEmployees, String team) {

    public boolean matches(Lead lead) {
        return (country == null || country.equals(lead.getCountry()))
                && (region == null || region.equals(lead.getRegion()))
                && (segment == null || segment == lead.getSegment())
                && (industry == null || industry.equals(lead.getIndustry()))
                && (source == null || source.equals(lead.getSource()))
                && matchesRange(lead);
    }

    public boolean matchesRange(Lead lead) {
        return minEmployees == null || (lead.getEmployees() != null && lead.getEmployees() >= minEmployees);
    }

    /** How many cells are filled in: rows with more conditions come first in a table. */
    int specificity() {
        int n = 0;
        if (country != null) n++;
        if (region != null) n++;
        if (segment != null) n++;
        if (industry != null) n++;
        if (source != null) n++;
        if (minEmployees != null) n++;
        return n;
    }
}
