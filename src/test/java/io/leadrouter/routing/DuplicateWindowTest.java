package io.leadrouter.routing;

import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A repeated lead id without a key (issue 15, item 9), with {@code routing.idempotency.duplicate-window} on as in
 * production: within the window the stored decision is answered with {@code duplicate: true}, unless the caller sends
 * {@code reroute=true}. Real HTTP routes; H2 and PostgreSQL.
 */
@QuarkusTest
@Tag("database")
@TestProfile(DuplicateWindowTest.WindowOn.class)
class DuplicateWindowTest {

    public static class WindowOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("routing.idempotency.duplicate-window", "PT10M");
        }
    }

    @Inject
    RuleEngine engine;
    @Inject
    RepRepository reps;
    @Inject
    DecisionRepository decisions;

    /** This class's rules, served for all of its tests; the previous rule set is put back after the last one. */
    static ServedRules served;

    @BeforeAll
    static void useTestRules() {
        served = ServedRules.serve(RepeatedRoutes.sources(), DuplicateWindowTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    @Test
    void aHundredParallelRoutesOfOneLeadIdWithoutKeyStoreOneDecisionAndCountOneLead() throws Exception {
        String team = RepeatedRoutes.teamWithOneRep(reps, "window");
        String leadId = team + "-lead";
        String body = RepeatedRoutes.lead(leadId, team, "DE");

        RepeatedRoutes.warmUp(team);
        List<Response> answers = RepeatedRoutes.atOnce(100, () -> RepeatedRoutes.route(body, null, null));

        answers.forEach(a -> assertEquals(200, a.statusCode(), a.asString()));
        answers.forEach(a -> assertEquals(team + "-rep", a.path("assignee.id"), a.asString()));
        Set<String> decisionIds = answers.stream().map(a -> a.path("decisionId").toString()).collect(Collectors.toSet());
        assertEquals(1, decisionIds.size(), decisionIds.toString());
        assertEquals(99, answers.stream().filter(a -> Boolean.TRUE.equals(a.path("duplicate"))).count());
        assertEquals(1, RepeatedRoutes.decisionsOf(decisions, leadId));
        assertEquals(1, RepeatedRoutes.openLeads(reps, team + "-rep"));
    }

    @Test
    void aRepeatWithChangedDataWithinTheWindowAnswersTheStoredDecision() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "changed");
        String leadId = team + "-lead";
        String first = RepeatedRoutes.route(RepeatedRoutes.lead(leadId, team, "DE"), null, null)
                .then().statusCode(200).extract().path("decisionId");
        RepeatedRoutes.route(RepeatedRoutes.lead(leadId, team, "FR"), null, null).then().statusCode(200)
                .body("decisionId", equalTo(first)).body("duplicate", equalTo(true));
        assertEquals(1, RepeatedRoutes.decisionsOf(decisions, leadId));
    }

    @Test
    void rerouteTrueRoutesAgainAndARetriedRerouteWithItsKeyDoesNot() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "reroute");
        String leadId = team + "-lead";
        String body = RepeatedRoutes.lead(leadId, team, "DE");
        String first = RepeatedRoutes.route(body, null, null).then().statusCode(200)
                .body("duplicate", nullValue()).extract().path("decisionId");

        String key = UUID.randomUUID().toString();
        String rerouted = RepeatedRoutes.route(body, key, "reroute=true").then().statusCode(200)
                .body("duplicate", nullValue()).body("decisionId", not(equalTo(first))).extract().path("decisionId");
        RepeatedRoutes.route(body, key, "reroute=true").then().statusCode(200)
                .body("decisionId", equalTo(rerouted)).body("duplicate", equalTo(true));

        assertEquals(2, RepeatedRoutes.decisionsOf(decisions, leadId));
        assertEquals(2, RepeatedRoutes.openLeads(reps, team + "-rep"));
    }

    @Test
    void rerouteOtherThanTrueOrFalseIs400() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "badreroute");
        RepeatedRoutes.route(RepeatedRoutes.lead(team + "-lead", team, "DE"), null, "reroute=yes").then()
                .statusCode(400).body("errors[0].field", equalTo("reroute"));
        assertEquals(0, RepeatedRoutes.decisionsOf(decisions, team + "-lead"));
    }
}
