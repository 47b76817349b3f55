package io.leadrouter.routing;

import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code Idempotency-Key} on {@code POST /api/route} (issue 15, item 9), with the duplicate window off as in the test
 * profile: the key alone makes a repeat answer the first decision. Real HTTP routes; H2 and PostgreSQL.
 */
@QuarkusTest
@Tag("database")
class IdempotencyKeyTest {

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
        served = ServedRules.serve(RepeatedRoutes.sources(), IdempotencyKeyTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    @Test
    void aHundredParallelRoutesWithOneKeyStoreOneDecisionAndCountOneLead() throws Exception {
        String team = RepeatedRoutes.teamWithOneRep(reps, "key");
        String leadId = team + "-lead";
        String body = RepeatedRoutes.lead(leadId, team, "DE");
        String key = UUID.randomUUID().toString();

        RepeatedRoutes.warmUp(team);
        List<Response> answers = RepeatedRoutes.atOnce(100, () -> RepeatedRoutes.route(body, key, null));

        answers.forEach(a -> assertEquals(200, a.statusCode(), a.asString()));
        answers.forEach(a -> assertEquals(team + "-rep", a.path("assignee.id"), a.asString()));
        Set<String> decisionIds = answers.stream().map(a -> a.path("decisionId").toString()).collect(Collectors.toSet());
        assertEquals(1, decisionIds.size(), decisionIds.toString());
        assertEquals(99, answers.stream().filter(a -> Boolean.TRUE.equals(a.path("duplicate"))).count());
        assertEquals(1, RepeatedRoutes.decisionsOf(decisions, leadId));
        assertEquals(1, RepeatedRoutes.openLeads(reps, team + "-rep"));
    }

    @Test
    void theSameKeyWithADifferentLeadIs409NamingTheKeyAndRoutesNothing() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "conflict");
        String leadId = team + "-lead";
        String key = "order-" + UUID.randomUUID();
        RepeatedRoutes.route(RepeatedRoutes.lead(leadId, team, "DE"), key, null).then().statusCode(200)
                .body("duplicate", nullValue());

        RepeatedRoutes.route(RepeatedRoutes.lead(leadId, team, "FR"), key, null).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409))
                .body("detail", containsString("Idempotency-Key '" + key + "'"));

        assertEquals(1, RepeatedRoutes.decisionsOf(decisions, leadId));
        assertEquals(1, RepeatedRoutes.openLeads(reps, team + "-rep"));
    }

    @Test
    void keysOfDifferentCallersNeverMeet() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "callers");
        String key = "shared-" + UUID.randomUUID();
        RepeatedRoutes.route(RepeatedRoutes.lead(team + "-a", team, "DE"), key, null).then().statusCode(200);

        // Another caller (basic auth as admin) with the same key and another lead: a new request, not a conflict.
        io.restassured.RestAssured.given().auth().preemptive().basic("admin", "dev-admin")
                .header("Idempotency-Key", key).contentType(io.restassured.http.ContentType.JSON)
                .body(RepeatedRoutes.lead(team + "-b", team, "DE")).when().post("/api/route")
                .then().statusCode(200).body("duplicate", nullValue());
        assertEquals(2, RepeatedRoutes.openLeads(reps, team + "-rep"));
    }

    @Test
    void withTheWindowOffARepeatedLeadIdWithoutAKeyRoutesAgain() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "nowindow");
        String leadId = team + "-lead";
        String body = RepeatedRoutes.lead(leadId, team, "DE");
        RepeatedRoutes.route(body, null, null).then().statusCode(200).body("duplicate", nullValue());
        RepeatedRoutes.route(body, null, null).then().statusCode(200).body("duplicate", nullValue());
        assertEquals(2, RepeatedRoutes.decisionsOf(decisions, leadId));
    }

    @Test
    void aDryRunIgnoresTheKey() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "dry");
        String leadId = team + "-lead";
        String key = UUID.randomUUID().toString();
        String body = RepeatedRoutes.lead(leadId, team, "DE");
        RepeatedRoutes.route(body, key, "dryRun=true").then().statusCode(200).body("dryRun", equalTo(true));
        RepeatedRoutes.route(body, key, null).then().statusCode(200).body("duplicate", nullValue());
        assertEquals(1, RepeatedRoutes.decisionsOf(decisions, leadId));
    }

    @Test
    void aKeyOver200CharactersOrWithAControlCharacterIs400NamingTheHeader() {
        String team = RepeatedRoutes.teamWithOneRep(reps, "badkey");
        String body = RepeatedRoutes.lead(team + "-lead", team, "DE");
        for (String key : List.of("k".repeat(201), "a\tb")) {
            RepeatedRoutes.route(body, key, null).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("Idempotency-Key"));
        }
        assertEquals(0, RepeatedRoutes.decisionsOf(decisions, team + "-lead"));
    }
}
