package io.leadrouter.bench;

import io.leadrouter.domain.Lead;

import java.util.List;

/** The routing a developer would write by hand first: walk the rows in order, return the first that matches. */
public final class FirstMatchRouter implements TerritoryRouter {

    private final TerritoryRow[] rows;

    public FirstMatchRouter(List<TerritoryRow> rows) {
        this.rows = rows.toArray(TerritoryRow[]::new);
    }

    @Override
    public String teamFor(Lead lead) {
        for (TerritoryRow row : rows) {
            if (row.matches(lead)) {
                return row.team();
            }
        }
        return null;
    }
}
