package io.leadrouter.rules;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 14, defect 1, end to end: the rules' {@code Rep(eligible)} and the distribution step agree on a dated
 * absence. An existing customer whose owner is out of office by date (status still AVAILABLE) goes to OWNER-020's
 * Account Management team, not to the fallback queue; {@code /api/reps} shows the owner as not eligible.
 */
@QuarkusTest
class OwnerAbsenceRoutingTest {

    @Test
    void existingCustomerWhoseOwnerIsAwayByDateGoesToAccountManagement() {
        String until = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        given().auth().preemptive().basic("admin", "dev-admin").contentType(ContentType.JSON).body("""
                        {"id":"owner-away-by-date","name":"Otto Owner","team":"UK & Ireland","territories":["GB"],
                         "availability":"AVAILABLE","outOfOfficeUntil":"%s"}""".formatted(until))
                .when().post("/api/reps")
                .then().statusCode(201).body("eligible", equalTo(false));

        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON).body("""
                        {"id":"owner-away-lead","email":"key@customer.example","company":"Key Customer","country":"GB",
                         "customerType":"EXISTING_CUSTOMER","existingOwnerId":"owner-away-by-date"}""")
                .when().post("/api/route?dryRun=true")
                .then().statusCode(200)
                .body("explanation.decidedBy", startsWith("OWNER-020 "))
                .body("assignee.team", equalTo("Account Management"))
                .body("queue", nullValue());
    }
}
