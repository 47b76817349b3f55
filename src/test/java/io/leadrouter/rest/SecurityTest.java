package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Real credentials (no test identity): who may call what, and how refusals look. */
@QuarkusTest
@Tag("database")
class SecurityTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String LEAD = "{\"id\":\"lead-sec-1\",\"country\":\"DE\"}";

    @Test
    void anonymousCallsGet401ProblemWithChallenge() {
        given().contentType(ContentType.JSON).body(LEAD).when().post("/api/route")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", containsString("Basic"))
                .body("title", equalTo("Unauthorized"));
        given().contentType(ContentType.JSON).body("{\"id\":\"r\",\"name\":\"N\",\"team\":\"T\"}")
                .when().post("/api/reps").then().statusCode(401).contentType(PROBLEM);
        given().when().get("/api/decisions").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void wrongPasswordOrKeyIs401() {
        given().auth().preemptive().basic("admin", "wrong").when().get("/api/reps")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("X-API-Key", "not-a-key").contentType(ContentType.JSON).body(LEAD).when().post("/api/route")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void crmRoutesWithApiKeyOrBasicAuth() {
        given().header("X-API-Key", "dev-crm-key").contentType(ContentType.JSON).body(LEAD).when().post("/api/route")
                .then().statusCode(200).body("leadId", equalTo("lead-sec-1"));
        given().auth().preemptive().basic("crm", "dev-crm").contentType(ContentType.JSON).body(LEAD)
                .when().post("/api/route").then().statusCode(200);
    }

    @Test
    void crmMayNotReadTheLogOrEditTheRoster() {
        given().header("X-API-Key", "dev-crm-key").when().get("/api/decisions")
                .then().statusCode(403).contentType(PROBLEM).body("title", equalTo("Forbidden"));
        given().header("X-API-Key", "dev-crm-key").contentType(ContentType.JSON)
                .body("{\"id\":\"r-crm\",\"name\":\"N\",\"team\":\"T\"}").when().post("/api/reps")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void opsMayDryRunAndReadButNotRouteForRealOrEdit() {
        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON).body(LEAD)
                .queryParam("dryRun", true).when().post("/api/route").then().statusCode(200).body("dryRun", equalTo(true));
        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON).body(LEAD)
                .when().post("/api/route").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("dryRun=true"));
        given().auth().preemptive().basic("ops", "dev-ops").when().get("/api/decisions").then().statusCode(200);
        given().auth().preemptive().basic("ops", "dev-ops").when().get("/api/reps").then().statusCode(200);
        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body("{\"id\":\"r-ops\",\"name\":\"N\",\"team\":\"T\"}").when().post("/api/reps")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void adminMayEditTheRoster() {
        given().auth().preemptive().basic("admin", "dev-admin").contentType(ContentType.JSON)
                .body("{\"id\":\"r-admin\",\"name\":\"N\",\"team\":\"T\"}").when().post("/api/reps")
                .then().statusCode(201);
        given().auth().preemptive().basic("admin", "dev-admin").when().delete("/api/reps/r-admin").then().statusCode(204);
    }

    @Test
    void probesAndApiDocsNeedNoCredentials() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
