package io.leadrouter.bench;

import io.leadrouter.domain.Lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that every router decides exactly as the reference on every lead. Benchmarks refuse to time variants that
 * disagree: a faster router that routes differently measures nothing.
 */
public final class DecisionParity {

    private DecisionParity() {
    }

    /**
     * @param routers by name; the first is the reference
     * @return how many leads each distinct team got from the reference (a sanity check that the table is exercised)
     * @throws IllegalStateException listing the first disagreements
     */
    public static Map<String, Integer> verify(List<Lead> corpus, Map<String, TerritoryRouter> routers) {
        List<String> names = new ArrayList<>(routers.keySet());
        TerritoryRouter reference = routers.get(names.get(0));
        Map<String, Integer> teams = new java.util.HashMap<>();
        List<String> mismatches = new ArrayList<>();
        int mismatchCount = 0;
        for (Lead lead : corpus) {
            String expected = reference.teamFor(lead);
            if (expected == null) {
                mismatches.add(lead.getId() + ": no row matched in " + names.get(0) + " (the table has a catch-all)");
                mismatchCount++;
                continue;
            }
            teams.merge(expected, 1, Integer::sum);
            for (int i = 1; i < names.size(); i++) {
                String actual = routers.get(names.get(i)).teamFor(lead);
                if (!expected.equals(actual)) {
                    mismatchCount++;
                    if (mismatches.size() < 10) {
                        mismatches.add(lead.getId() + " (" + lead.getCountry() + "/" + lead.getRegion() + "/"
                                + lead.getSegment() + "/" + lead.getIndustry() + "/" + lead.getSource() + "/"
                                + lead.getEmployees() + "): " + names.get(0) + "=" + expected + ", " + names.get(i) + "=" + actual);
                    }
                }
            }
        }
        if (mismatchCount > 0) {
            throw new IllegalStateException(mismatchCount + " decisions differ over " + corpus.size() + " leads, e.g.\n  "
                    + String.join("\n  ", mismatches));
        }
        return teams;
    }
}
