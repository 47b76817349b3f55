package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-made hostile input (issue 15, items 6, 7, 8, 10, 12): every one is a 4xx problem detail naming what is wrong,
 * never a 500, a wrapped number or a silently stored decision.
 */
@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class HostileInputTest {

    private static final String PROBLEM = "application/problem+json";

    // ---- item 6: control characters ----------------------------------------------------------------------------

    @Test
    void aNulOrNewlineInALeadIdIs400NamingTheField() {
        for (String id : List.of("lead\\u0000nul", "lead\\nforged INFO line", "lead\\u001bescape")) {
            given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"country\":\"DE\"}")
                    .when().post("/api/route")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("id"))
                    .body("errors.message", hasItem(containsString("control character")));
        }
        given().contentType(ContentType.JSON).body("{\"id\":\"ok-id\",\"existingOwnerId\":\"a\\u0000b\"}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("existingOwnerId"));
    }

    @Test
    void aNulInAFilterOrPathIs400NamingTheParameter() {
        given().queryParam("leadId", "a\u0000b").when().get("/api/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("leadId"));
        given().queryParam("repId", "a\nb").when().get("/api/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("repId"));
        given().urlEncodingEnabled(false).when().get("/api/reps/rep%00x")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("id"));
        given().urlEncodingEnabled(false).when().put("/api/holidays/DE/2026-10-03?name=Tag%00Einheit")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
    }

    @Test
    void aNulInARepIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"id\":\"rep-nul\",\"name\":\"N\\u0000\",\"team\":\"T\\n\"}")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("name", "team"));
    }

    // ---- item 7: numbers and values that do not fit ------------------------------------------------------------

    @Test
    void numbersThatDoNotFitAreRefusedNotWrapped() {
        given().contentType(ContentType.JSON).body("{\"id\":\"big-rev\",\"annualRevenue\":1.8446744073709552E19}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("annualRevenue"));
        given().contentType(ContentType.JSON).body("{\"id\":\"big-emp\",\"employees\":3000000000}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("employees"));
        given().contentType(ContentType.JSON).body("{\"id\":\"frac\",\"employees\":12.5}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("employees"));
    }

    @Test
    void aScoreAtTheLimitDoesNotTurnNegative() {
        // The example rules add points to web and webinar leads: the score saturates instead of wrapping.
        given().contentType(ContentType.JSON).queryParam("dryRun", "true")
                .body("{\"id\":\"max-score\",\"country\":\"DE\",\"employees\":2500,\"source\":\"Webinar\","
                        + "\"estimatedDealValue\":60000,\"score\":2147483647}")
                .when().post("/api/route")
                .then().statusCode(200).body("score", greaterThan(0));
    }

    @Test
    void trailingContentIsA400() {
        given().contentType(ContentType.JSON).body("{\"id\":\"a\"}{\"id\":\"b\"}").when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("one JSON value"));
    }

    @Test
    void extremePagingAndTimestampsAre400() {
        given().queryParam("page", "2147483647").when().get("/api/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("page"));
        given().queryParam("from", "+1000000000-01-01T00:00:00Z").when().get("/api/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("from"));
        given().queryParam("to", "-0001-01-01T00:00:00Z").when().get("/api/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("to"));
    }

    // ---- item 8: dryRun ----------------------------------------------------------------------------------------

    @Test
    void dryRunAcceptsOnlyTrueOrFalse() {
        for (String value : List.of("1", "yes", "TRUEISH", "0")) {
            given().contentType(ContentType.JSON).queryParam("dryRun", value)
                    .body("{\"id\":\"dry-strict\",\"country\":\"DE\"}")
                    .when().post("/api/route")
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("dryRun"));
        }
        given().queryParam("leadId", "dry-strict").when().get("/api/decisions")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().contentType(ContentType.JSON).queryParam("dryRun", "TRUE")
                .body("{\"id\":\"dry-strict\",\"country\":\"DE\"}")
                .when().post("/api/route").then().statusCode(200).body("dryRun", equalTo(true));
    }

    // ---- item 10: roster and uploads ---------------------------------------------------------------------------

    @Test
    void replacingARepKeepsItsOpenLeadsUnlessGiven() {
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"rep-open\",\"name\":\"Open\",\"team\":\"T-open\",\"openLeads\":7}")
                .when().post("/api/reps").then().statusCode(201).body("openLeads", equalTo(7));
        given().contentType(ContentType.JSON).body("{\"name\":\"Open Renamed\",\"team\":\"T-open\"}")
                .when().put("/api/reps/rep-open").then().statusCode(200).body("openLeads", equalTo(7));
        given().contentType(ContentType.JSON).body("{\"name\":\"Open\",\"team\":\"T-open\",\"openLeads\":2}")
                .when().put("/api/reps/rep-open").then().statusCode(200).body("openLeads", equalTo(2));
    }

    @Test
    void parallelCreatesOfOneRepAreOne201AndOtherwise409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Integer> create = () -> given().contentType(ContentType.JSON)
                        .body("{\"id\":\"rep-race\",\"name\":\"Race\",\"team\":\"T-race\"}")
                        .when().post("/api/reps").then().extract().statusCode();
                answers.add(pool.submit(create));
            }
            int created = 0;
            int conflicts = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 201) {
                    created++;
                } else if (status == 409) {
                    conflicts++;
                }
            }
            assertEquals(1, created);
            assertEquals(19, conflicts);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- item 12: words, not class names -----------------------------------------------------------------------

    @Test
    void errorBodiesNameNoInternalClass() {
        for (String body : List.of("[]", "\"a lead\"", "42", "{\"id\":", "{\"id\":\"x\",\"createdAt\":\"yesterday\"}",
                "{\"id\":\"x\",\"attributes\":[1]}", "{\"id\":{\"nested\":1}}")) {
            given().contentType(ContentType.JSON).body(body).when().post("/api/route")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body(not(containsString("io.leadrouter")))
                    .body(not(containsString("java.")))
                    .body(not(containsString("com.fasterxml")))
                    .body(not(containsString("`")));
        }
    }
}
