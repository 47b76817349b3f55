package io.leadrouter.rules;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadrouter.rules.ExampleRules.*;
import static org.junit.jupiter.api.Assertions.*;

/** One test per row of {@code decision-tables/lead-scoring.xlsx} (sheet "Scoring", data from row 11). */
class ScoringTableTest {

    private static MatchedRule scored(Evaluation e, String id, int row, int points, String reason) {
        MatchedRule m = fired(e, id);
        assertRow(m, SCORING, "Scoring", row);
        assertEquals(List.of("addScore(" + (points >= 0 ? "+" : "") + points + ", " + reason + ")"), m.effects());
        return m;
    }

    @Test
    void SCORE_010_enterprise_segment_adds_30() {
        Evaluation e = route(lead(l -> l.setEmployees(5000)));
        scored(e, "SCORE-010", 11, 30, "Enterprise segment");
        assertEquals(30, e.lead().getScore());
    }

    @Test
    void SCORE_010_also_applies_when_the_crm_sends_the_segment() {
        Evaluation e = route(lead(l -> l.setSegment(io.leadrouter.domain.Segment.ENTERPRISE)));
        assertEquals(30, e.lead().getScore());
    }

    @Test
    void SCORE_011_mid_market_segment_adds_15() {
        Evaluation e = route(lead(l -> l.setEmployees(300)));
        scored(e, "SCORE-011", 12, 15, "Mid-market segment");
        notFired(e, "SCORE-010");
        assertEquals(15, e.lead().getScore());
    }

    @Test
    void SCORE_020_financial_services_industry_adds_15() {
        Evaluation e = route(lead(l -> l.setIndustry("Financial Services")));
        scored(e, "SCORE-020", 13, 15, "Financial Services industry");
        assertEquals(15, e.lead().getScore());
    }

    @Test
    void SCORE_021_healthcare_or_life_sciences_adds_10() {
        assertEquals(10, route(lead(l -> l.setIndustry("Healthcare"))).lead().getScore());
        Evaluation e = route(lead(l -> l.setIndustry("Life Sciences")));
        scored(e, "SCORE-021", 14, 10, "Healthcare industry");
        assertEquals(10, e.lead().getScore());
    }

    @Test
    void SCORE_030_demo_request_adds_25() {
        Evaluation e = route(lead(l -> l.setSource("Demo request")));
        scored(e, "SCORE-030", 15, 25, "Asked for a demo");
        assertEquals(25, e.lead().getScore());
    }

    @Test
    void SCORE_031_webinar_or_free_trial_adds_10() {
        assertEquals(10, route(lead(l -> l.setSource("Webinar"))).lead().getScore());
        Evaluation e = route(lead(l -> l.setSource("Free trial")));
        scored(e, "SCORE-031", 16, 10, "Webinar or trial");
    }

    @Test
    void SCORE_032_purchased_list_subtracts_10() {
        Evaluation e = route(lead(l -> l.setSource("Purchased list")));
        scored(e, "SCORE-032", 17, -10, "Purchased list");
        assertEquals(-10, e.lead().getScore());
    }

    @Test
    void SCORE_040_annual_revenue_of_1B_or_more_adds_20() {
        Evaluation e = route(lead(l -> l.setAnnualRevenue(1_000_000_000L)));
        scored(e, "SCORE-040", 18, 20, "Annual revenue 1B+");
        notFired(e, "SCORE-041");
        assertEquals(20, e.lead().getScore());
        assertEquals(20, route(lead(l -> l.setAnnualRevenue(40_000_000_000L))).lead().getScore(), "beyond int range");
    }

    @Test
    void SCORE_041_annual_revenue_from_100M_to_below_1B_adds_10() {
        Evaluation e = route(lead(l -> l.setAnnualRevenue(100_000_000L)));
        scored(e, "SCORE-041", 19, 10, "Annual revenue 100M-1B");
        assertEquals(10, route(lead(l -> l.setAnnualRevenue(999_999_999L))).lead().getScore());
        assertEquals(0, route(lead(l -> l.setAnnualRevenue(99_999_999L))).lead().getScore());
    }

    @Test
    void points_add_up_on_top_of_the_score_the_crm_sent() {
        Evaluation e = route(lead(l -> {
            l.setScore(5);
            l.setEmployees(2000);
            l.setIndustry("Financial Services");
            l.setSource("Webinar");
            l.setAnnualRevenue(2_000_000_000L);
        }));
        assertEquals(5 + 30 + 15 + 10 + 20, e.lead().getScore());
        assertEquals(4, e.routing().getScoreChanges().size());
    }

    @Test
    void unknown_fields_score_nothing_and_break_nothing() {
        Lead empty = lead(l -> { });
        Evaluation e = route(empty);
        assertEquals(0, e.lead().getScore());
        assertTrue(e.matchedRules().stream().noneMatch(m -> m.name().startsWith("SCORE-")));
    }
}
