package io.leadrouter.bench;

import io.leadrouter.domain.Lead;

/** Picks the team for a lead from a territory table. Every implementation must decide exactly as the others do. */
public interface TerritoryRouter {

    /** The team of the first matching row, or {@code null} when no row matches. */
    String teamFor(Lead lead);
}
