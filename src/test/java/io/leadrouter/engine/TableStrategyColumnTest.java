package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.RoutingTarget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A decision-table row chooses the distribution strategy, as docs/distribution.md promises ($1, $2 in one cell). */
class TableStrategyColumnTest {

    private static final String TABLE = """
            RuleSet,strategies
            Import,io.leadrouter.domain.Lead
            Variables,io.leadrouter.domain.Routing routing
            ,
            RuleTable Teams,
            NAME,CONDITION,ACTION
            ,Lead,
            ,"country == ""$param""\","routing.assignToTeam(""$1"", ""$2"");"
            Rule,Country,"Team, strategy"
            T-1 germany weighted,DE,"DACH, WEIGHTED"
            T-2 france least loaded,FR,"France, LEAST_LOADED"
            """;

    @Test
    void eachRowNamesItsTeamAndStrategy() {
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("decision-tables/strategies.csv", TABLE.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(new RoutingTarget(RoutingTarget.Kind.TEAM, "DACH", io.leadrouter.domain.Strategy.WEIGHTED), targetFor(rules, "DE"));
        assertEquals(new RoutingTarget(RoutingTarget.Kind.TEAM, "France", io.leadrouter.domain.Strategy.LEAST_LOADED), targetFor(rules, "FR"));
    }

    private static RoutingTarget targetFor(CompiledRules rules, String country) {
        Lead lead = new Lead();
        lead.setId("lead-" + country);
        lead.setCountry(country);
        Evaluation evaluation = rules.evaluate(lead, List.of());
        assertNull(evaluation.failure());
        return evaluation.routing().getTarget();
    }
}
