package io.leadrouter.rules;

import io.leadrouter.domain.CustomerType;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import static io.leadrouter.domain.RoutingTarget.Kind.REP;
import static io.leadrouter.domain.RoutingTarget.Kind.TEAM;
import static io.leadrouter.rules.ExampleRules.*;

/** {@code rules/existing-customers.drl}. */
class ExistingCustomerRulesTest {

    private static final String FILE = "rules/existing-customers.drl";

    @Test
    void OWNER_010_existing_customer_goes_to_their_available_owner() {
        // A German enterprise lead would go to DACH Enterprise by territory: the owner wins.
        Evaluation e = route(lead(l -> {
            l.setCustomerType(CustomerType.EXISTING_CUSTOMER);
            l.setExistingOwnerId("oliver.hughes");
            l.setCountry("DE");
            l.setEmployees(5000);
        }));
        assertTarget(e, REP, "oliver.hughes", "OWNER-010");
        assertDrl(fired(e, "OWNER-010"), FILE);
        notFired(e, "TERR-010");
    }

    @Test
    void OWNER_010_not_for_new_business_even_with_an_owner_id() {
        Evaluation e = route(lead(l -> { l.setExistingOwnerId("oliver.hughes"); l.setCountry("FR"); }));
        assertTarget(e, TEAM, ExampleRoster.FRANCE_BENELUX, "TERR-040");
    }

    @Test
    void OWNER_020_existing_customer_whose_owner_is_out_of_office_goes_to_account_management() {
        Evaluation e = route(lead(l -> {
            l.setCustomerType(CustomerType.EXISTING_CUSTOMER);
            l.setExistingOwnerId("jonas.weber"); // OUT_OF_OFFICE in the example roster
            l.setCountry("DE");
        }));
        assertTarget(e, TEAM, ExampleRoster.ACCOUNT_MANAGEMENT, "OWNER-020");
        assertDrl(fired(e, "OWNER-020"), FILE);
        notFired(e, "OWNER-010");
    }

    @Test
    void OWNER_020_also_covers_inactive_and_unknown_owners() {
        for (String owner : new String[]{"tom.baker", "left.the.company", null}) {
            Evaluation e = route(lead(l -> {
                l.setCustomerType(CustomerType.EXISTING_CUSTOMER);
                l.setExistingOwnerId(owner);
            }));
            assertTarget(e, TEAM, ExampleRoster.ACCOUNT_MANAGEMENT, "OWNER-020");
        }
    }

    @Test
    void PARTNER_010_partner_company_goes_to_partner_team() {
        Evaluation e = route(lead(l -> {
            l.setCustomerType(CustomerType.PARTNER);
            l.setCountry("US");
            l.setRegion("NY");
            l.setIndustry("Healthcare");
        }));
        assertTarget(e, TEAM, ExampleRoster.PARTNER, "PARTNER-010");
        assertDrl(fired(e, "PARTNER-010"), FILE);
    }
}
