package io.leadrouter.rules;

import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import static io.leadrouter.domain.RoutingTarget.Kind.SPECIALISTS;
import static io.leadrouter.domain.RoutingTarget.Kind.TEAM;
import static io.leadrouter.rules.ExampleRules.*;

/** {@code rules/specialists.drl}. */
class SpecialistRulesTest {

    private static final String FILE = "rules/specialists.drl";

    @Test
    void SPEC_010_healthcare_goes_to_healthcare_specialists_before_the_territory() {
        Evaluation e = route(lead(l -> { l.setIndustry("Healthcare"); l.setCountry("US"); l.setRegion("NY"); }));
        assertTarget(e, SPECIALISTS, "Healthcare", "SPEC-010");
        assertDrl(fired(e, "SPEC-010"), FILE);
        notFired(e, "TERR-060");
    }

    @Test
    void SPEC_010_without_an_eligible_healthcare_specialist_the_territory_decides() {
        // nina.patel is the only eligible one; tom.baker (also Healthcare) is inactive.
        Evaluation e = route(lead(l -> { l.setIndustry("Life Sciences"); l.setCountry("US"); l.setRegion("NY"); }),
                ExampleRoster.without("nina.patel"));
        notFired(e, "SPEC-010");
        assertTarget(e, TEAM, ExampleRoster.NA_EAST, "TERR-060");
    }

    @Test
    void SPEC_020_financial_services_goes_to_financial_services_specialists() {
        Evaluation e = route(lead(l -> { l.setIndustry("Banking"); l.setCountry("GB"); }));
        assertTarget(e, SPECIALISTS, "Financial Services", "SPEC-020");
        assertDrl(fired(e, "SPEC-020"), FILE);
    }

    @Test
    void SPEC_030_data_residency_use_case_beats_the_industry_specialists() {
        Evaluation e = route(lead(l -> { l.setUseCase("Data residency"); l.setIndustry("Healthcare"); l.setCountry("DE"); }));
        assertTarget(e, SPECIALISTS, "Data residency", "SPEC-030");
        assertDrl(fired(e, "SPEC-030"), FILE);
        notFired(e, "SPEC-010");
    }
}
