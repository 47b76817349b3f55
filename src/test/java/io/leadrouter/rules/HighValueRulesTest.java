package io.leadrouter.rules;

import io.leadrouter.domain.Tier;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import static io.leadrouter.domain.RoutingTarget.Kind.TEAM;
import static io.leadrouter.rules.ExampleRules.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@code rules/high-value.drl}. */
class HighValueRulesTest {

    private static final String FILE = "rules/high-value.drl";

    @Test
    void VALUE_010_deal_of_100k_or_more_needs_a_senior_rep_in_the_territory_team() {
        // One decision from a DRL rule and a table row: the table picks the team, the DRL rule narrows it to seniors.
        Evaluation e = route(lead(l -> { l.setCountry("FR"); l.setEmployees(300); l.setEstimatedDealValue(100_000L); }));
        assertDrl(fired(e, "VALUE-010"), FILE);
        assertEquals(Tier.SENIOR, e.routing().getMinimumTier());
        assertTarget(e, TEAM, ExampleRoster.FRANCE_BENELUX, "TERR-040");
    }

    @Test
    void VALUE_010_urgent_lead_needs_a_senior_rep() {
        Evaluation e = route(lead(l -> { l.setCountry("US"); l.setRegion("WA"); l.setSource("Demo request"); }));
        fired(e, "VALUE-010");
        assertEquals(Tier.SENIOR, e.routing().getMinimumTier());
        assertTarget(e, TEAM, ExampleRoster.NA_WEST, "TERR-070");
    }

    @Test
    void VALUE_010_small_normal_deal_has_no_tier_requirement() {
        Evaluation e = route(lead(l -> { l.setCountry("FR"); l.setEstimatedDealValue(99_999L); }));
        notFired(e, "VALUE-010");
        assertNull(e.routing().getMinimumTier());
    }

    @Test
    void VIP_010_enterprise_deal_of_250k_goes_to_strategic_accounts_before_the_territory() {
        Evaluation e = route(lead(l -> { l.setCountry("DE"); l.setEmployees(5000); l.setEstimatedDealValue(250_000L); }));
        assertTarget(e, TEAM, ExampleRoster.STRATEGIC, "VIP-010");
        assertDrl(fired(e, "VIP-010"), FILE);
        assertEquals(Tier.SENIOR, e.routing().getMinimumTier());
        notFired(e, "TERR-010");
    }

    @Test
    void VIP_010_not_for_mid_market() {
        Evaluation e = route(lead(l -> { l.setCountry("DE"); l.setEmployees(500); l.setEstimatedDealValue(500_000L); }));
        assertTarget(e, TEAM, ExampleRoster.DACH_COMMERCIAL, "TERR-020");
    }
}
