package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class DecisionResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private String route(String leadId) {
        return given().contentType(ContentType.JSON).body("{\"id\":\"" + leadId + "\",\"country\":\"FR\"}")
                .when().post("/api/route").then().statusCode(200).extract().path("decisionId");
    }

    @Test
    void unknownDecisionIs404Problem() {
        given().when().get("/api/decisions/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("title", equalTo("Decision not found"));
    }

    @Test
    void malformedDecisionIdIs400() {
        given().when().get("/api/decisions/not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("id"));
    }

    @Test
    void searchFiltersByTimeAndPages() {
        Instant before = Instant.now().minusSeconds(1);
        route("lead-search-1");
        route("lead-search-1");
        route("lead-search-2");
        given().queryParam("leadId", "lead-search-1").queryParam("from", before.toString()).queryParam("size", 1)
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("totalItems", equalTo(2)).body("totalPages", equalTo(2)).body("items", hasSize(1))
                .body("size", equalTo(1)).body("page", equalTo(0));
        given().queryParam("leadId", "lead-search-2").queryParam("to", before.toString())
                .when().get("/api/decisions")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void badSearchParametersAreNamed() {
        given().queryParam("from", "yesterday").queryParam("size", 0).queryParam("page", "x")
                .when().get("/api/decisions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("from", "size", "page"));
    }
}
