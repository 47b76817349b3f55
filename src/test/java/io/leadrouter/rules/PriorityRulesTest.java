package io.leadrouter.rules;

import io.leadrouter.domain.Priority;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadrouter.rules.ExampleRules.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@code rules/priority.drl}. */
class PriorityRulesTest {

    private static final String FILE = "rules/priority.drl";

    @Test
    void PRIO_010_score_80_or_more_is_high_priority() {
        // CRM score 40 + enterprise 30 + revenue 1B+ 20 = 90
        Evaluation e = route(lead(l -> { l.setScore(40); l.setEmployees(5000); l.setAnnualRevenue(1_500_000_000L); }));
        assertEquals(90, e.lead().getScore());
        assertEquals(Priority.HIGH, e.lead().getPriority());
        assertDrl(fired(e, "PRIO-010"), FILE);
        assertEquals(List.of("setPriority(HIGH)"), fired(e, "PRIO-010").effects());
    }

    @Test
    void PRIO_010_does_not_fire_below_80() {
        Evaluation e = route(lead(l -> { l.setScore(29); l.setEmployees(5000); l.setAnnualRevenue(1_500_000_000L); }));
        assertEquals(79, e.lead().getScore());
        assertEquals(Priority.NORMAL, e.lead().getPriority());
        notFired(e, "PRIO-010");
    }

    @Test
    void PRIO_020_demo_request_is_urgent() {
        Evaluation e = route(lead(l -> { l.setSource("Demo request"); l.setCountry("FR"); }));
        assertEquals(Priority.URGENT, e.lead().getPriority());
        assertDrl(fired(e, "PRIO-020"), FILE);
    }

    @Test
    void PRIO_020_is_not_downgraded_by_PRIO_010() {
        Evaluation e = route(lead(l -> { l.setScore(60); l.setSource("Demo request"); }));
        assertEquals(85, e.lead().getScore());
        assertEquals(Priority.URGENT, e.lead().getPriority());
        assertEquals(List.of(), fired(e, "PRIO-010").effects(), "raisePriority(HIGH) is a no-op on an URGENT lead");
    }

    @Test
    void PRIO_030_free_mail_with_low_score_is_low_priority() {
        Evaluation e = route(lead(l -> { l.setEmail("jane.doe@GMail.com"); l.setCountry("DE"); }));
        assertEquals(Priority.LOW, e.lead().getPriority());
        assertDrl(fired(e, "PRIO-030"), FILE);
    }

    @Test
    void PRIO_030_not_for_company_addresses_or_good_scores() {
        assertEquals(Priority.NORMAL, route(lead(l -> l.setEmail("jane@acme.de"))).lead().getPriority());
        assertEquals(Priority.NORMAL, route(lead(l -> { l.setEmail("jane@gmail.com"); l.setEmployees(5000); }))
                .lead().getPriority(), "enterprise: score 30");
        assertEquals(Priority.NORMAL, route(lead(l -> l.setEmail(null))).lead().getPriority());
    }
}
