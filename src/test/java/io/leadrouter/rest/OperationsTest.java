package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The operations surface answers without credentials: health, metrics, OpenAPI and Swagger UI. */
@QuarkusTest
@Tag("database")
class OperationsTest {

    @Test
    void readinessIncludesTheActiveRulesAndTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("rules", "Database connections health check"))
                .body("checks.find { it.name == 'rules' }.data.version", startsWith("v"))
                // Not clustered under %test: the cluster check is UP and says so.
                .body("checks.find { it.name == 'cluster' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'cluster' }.data.enabled", equalTo(false));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountRoutesDecisionsAndFallbacks() {
        given().header("X-API-Key", "dev-crm-key").contentType(ContentType.JSON)
                .body("{\"id\":\"lead-metrics-1\",\"country\":\"AQ\"}")
                .when().post("/api/route").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("leadrouter_route_seconds_bucket"))
                .body(containsString("leadrouter_decisions_total"))
                .body(containsString("leadrouter_decisions_total{outcome=\""))
                // Bounded tags only: a tag per rep, queue or rules version adds series with every rep and reload.
                .body(not(matchesRegex("(?s).*leadrouter_decisions_total\\{[^}]*\\b(rep|queue|rules_version)=.*")));
    }

    @Test
    void openApiDocumentsEveryEndpointWithProblemAnswers() {
        given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/route", "/api/decisions", "/api/decisions/{id}", "/api/reps",
                        "/api/reps/{id}"))
                .body("paths.'/api/route'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/rules/reload'.post.responses.'422'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/rules/files/{path}'.put.responses.'413'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/rules/files/{path}'.put.responses.'422'.content.'application/problem+json'", notNullValue())
                .body("components.securitySchemes.keySet()", hasItems("basic", "apiKey"))
                .body("paths.'/api/route'.post.requestBody.content.'application/json'.examples", notNullValue());
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
