package io.leadrouter.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * A malformed {@code Authorization} header (issue 15, item 7) is a wrong credential: 401 problem detail on every kind
 * of endpoint, never a 500.
 */
@QuarkusTest
@Tag("database")
class MalformedAuthorizationTest {

    private static final String PROBLEM = "application/problem+json";

    private static final List<String> MALFORMED = List.of(
            "Basic !!!",
            "Basic " + Base64.getEncoder().encodeToString("admin-without-colon".getBytes(StandardCharsets.UTF_8)),
            "Basic ",
            "Bearer x");

    /** One request per endpoint kind: routing, roster, rules, webhook status. */
    private static final List<Function<RequestSpecification, io.restassured.response.Response>> ENDPOINTS = List.of(
            spec -> spec.contentType(ContentType.JSON).body("{\"id\":\"lead-bad-auth\",\"country\":\"DE\"}")
                    .post("/api/route"),
            spec -> spec.get("/api/reps"),
            spec -> spec.contentType(ContentType.JSON).body("{\"id\":\"rep-bad-auth\",\"name\":\"N\",\"team\":\"T\"}")
                    .post("/api/reps"),
            spec -> spec.get("/api/rules"),
            spec -> spec.get("/api/webhooks/deliveries"));

    @Test
    void aMalformedAuthorizationHeaderIs401ProblemOnEveryEndpointKind() {
        for (String header : MALFORMED) {
            for (var endpoint : ENDPOINTS) {
                endpoint.apply(given().header("Authorization", header))
                        .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
            }
        }
    }

    @Test
    void aMalformedAuthorizationHeaderOnAWebhookIsNeverA500() {
        // Webhooks authenticate by signature, not by the Authorization header: a broken one changes nothing.
        for (String header : MALFORMED) {
            given().header("Authorization", header).contentType(ContentType.JSON).body("{\"lead_id\":\"w-bad-auth\"}")
                    .when().post("/webhooks/generic")
                    .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500))).contentType(PROBLEM);
        }
    }
}
