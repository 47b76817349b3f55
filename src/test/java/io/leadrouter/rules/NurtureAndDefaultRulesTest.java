package io.leadrouter.rules;

import io.leadrouter.domain.CustomerType;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadrouter.domain.RoutingTarget.Kind.QUEUE;
import static io.leadrouter.domain.RoutingTarget.Kind.REP;
import static io.leadrouter.rules.ExampleRules.*;

/** {@code rules/nurture.drl} and {@code rules/default.drl}. */
class NurtureAndDefaultRulesTest {

    @Test
    void NURTURE_010_low_priority_new_business_goes_to_nurture_queue() {
        // PRIO-030 makes it LOW; it would otherwise go to UK & Ireland.
        Evaluation e = route(lead(l -> { l.setEmail("someone@hotmail.com"); l.setCountry("GB"); }));
        assertTarget(e, QUEUE, "Nurture", "NURTURE-010");
        assertDrl(fired(e, "NURTURE-010"), "rules/nurture.drl");
        notFired(e, "TERR-030");
    }

    @Test
    void NURTURE_010_not_for_existing_customers() {
        Evaluation e = route(lead(l -> {
            l.setEmail("someone@hotmail.com");
            l.setCustomerType(CustomerType.EXISTING_CUSTOMER);
            l.setExistingOwnerId("camille.martin");
        }));
        assertTarget(e, REP, "camille.martin", "OWNER-010");
    }

    @Test
    void DEFAULT_999_lead_no_rule_takes_goes_to_inbound_triage() {
        Evaluation e = route(lead(l -> l.setCountry("ZA")));
        assertTarget(e, QUEUE, "Inbound triage", "DEFAULT-999");
        assertDrl(fired(e, "DEFAULT-999"), "rules/default.drl");
        assertTarget(route(lead(l -> { })), QUEUE, "Inbound triage", "DEFAULT-999");
    }

    @Test
    void DEFAULT_999_does_not_fire_when_another_assignment_rule_did() {
        Evaluation e = route(lead(l -> l.setCountry("JP")));
        notFired(e, "DEFAULT-999");
        List<String> assigning = e.matchedRules().stream()
                .filter(m -> m.effects().stream().anyMatch(x -> x.startsWith("assign to"))).map(m -> m.name()).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, assigning.size(), assigning.toString());
    }
}
