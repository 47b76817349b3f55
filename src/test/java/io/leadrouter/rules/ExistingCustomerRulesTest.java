package io.leadrouter.rules;

import io.leadrouter.domain.CustomerType;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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
    void OWNER_020_existing_customer_whose_owner_is_out_of_office_by_date_goes_to_account_management() {
        // Status AVAILABLE, but an absence until tomorrow: routing would skip the owner, so the rules must too
        // (issue 14, defect 1: OWNER-010 fired and the lead fell through to the fallback queue).
        List<Rep> roster = ExampleRoster.all().stream().map(r -> {
            if (r.getId().equals("oliver.hughes")) {
                r.setOutOfOfficeUntil(LocalDate.now(ZoneOffset.UTC).plusDays(2));
            }
            return r;
        }).toList();
        Evaluation e = route(lead(l -> {
            l.setCustomerType(CustomerType.EXISTING_CUSTOMER);
            l.setExistingOwnerId("oliver.hughes");
        }), roster);
        assertTarget(e, TEAM, ExampleRoster.ACCOUNT_MANAGEMENT, "OWNER-020");
        notFired(e, "OWNER-010");
    }

    @Test
    void OWNER_020_existing_customer_whose_owner_is_outside_working_hours_goes_to_account_management() {
        Instant now = Instant.parse("2026-03-04T22:00:00Z"); // a Wednesday, 22:00 in London
        List<Rep> roster = ExampleRoster.all().stream().map(r -> {
            if (r.getId().equals("oliver.hughes")) {
                r.setWorkingHours(Map.of(DayOfWeek.WEDNESDAY, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(17, 0)))));
            }
            r.checkAvailability(now, Map.of());
            return r;
        }).toList();
        Evaluation e = route(lead(l -> {
            l.setCustomerType(CustomerType.EXISTING_CUSTOMER);
            l.setExistingOwnerId("oliver.hughes");
        }), roster);
        assertTarget(e, TEAM, ExampleRoster.ACCOUNT_MANAGEMENT, "OWNER-020");
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
