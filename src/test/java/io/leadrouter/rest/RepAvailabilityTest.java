package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The roster's availability fields: stored, shown, and validated with a 400 problem naming the field. */
@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class RepAvailabilityTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void availabilityFieldsRoundTrip() {
        given().contentType(ContentType.JSON).body("""
                        {"id":"rep-avail-1","name":"Ava","team":"Avail","timeZone":"Europe/Berlin","weight":3,
                         "availability":"OUT_OF_OFFICE","outOfOfficeUntil":"2026-03-01","holidayRegion":"de-by",
                         "dailyCap":5,"weeklyCap":20,
                         "workingHours":{"MONDAY":[{"from":"13:00","to":"17:00"},{"from":"09:00","to":"12:00"}]},
                         "conditionalCaps":[{"segment":"ENTERPRISE","per":"DAY","limit":2}]}""")
                .when().post("/api/reps")
                .then().statusCode(201)
                .body("outOfOfficeUntil", equalTo("2026-03-01"))
                .body("holidayRegion", equalTo("DE-BY"))
                .body("dailyCap", equalTo(5)).body("weeklyCap", equalTo(20)).body("weight", equalTo(3))
                .body("workingHours.MONDAY[0].from", startsWith("09:00"))
                .body("workingHours.MONDAY[1].to", startsWith("17:00"))
                .body("conditionalCaps[0].segment", equalTo("ENTERPRISE"))
                .body("conditionalCaps[0].limit", equalTo(2));
        given().when().get("/api/reps/rep-avail-1").then().statusCode(200).body("weeklyCap", equalTo(20));
    }

    @Test
    void overlappingHoursAreA400NamingTheSpan() {
        given().contentType(ContentType.JSON).body("""
                        {"id":"rep-avail-2","name":"B","team":"Avail",
                         "workingHours":{"MONDAY":[{"from":"09:00","to":"12:00"},{"from":"11:00","to":"17:00"}]}}""")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("workingHours.MONDAY[1]"))
                .body("errors[0].message", containsString("overlaps"));
    }

    @Test
    void fromNotBeforeToIsA400() {
        given().contentType(ContentType.JSON).body("""
                        {"id":"rep-avail-3","name":"C","team":"Avail",
                         "workingHours":{"TUESDAY":[{"from":"17:00","to":"09:00"}]}}""")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("workingHours.TUESDAY[0]"))
                .body("errors[0].message", containsString("must be before"));
    }

    @Test
    void negativeCapsAndWeightAndUnknownTimeZoneAreA400NamingEachField() {
        given().contentType(ContentType.JSON).body("""
                        {"id":"rep-avail-4","name":"D","team":"Avail","weight":-1,"dailyCap":-2,"weeklyCap":-3,
                         "timeZone":"Mars/Olympus","conditionalCaps":[{"segment":"SMB","per":"WEEK","limit":-1}]}""")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("weight", "dailyCap", "weeklyCap", "timeZone"))
                .body("errors.field", hasItem(containsString("conditionalCaps")));
    }
}
