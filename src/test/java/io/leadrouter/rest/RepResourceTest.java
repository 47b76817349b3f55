package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class RepResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static String rep(String id) {
        return """
                {"id":"%s","name":"Test Rep","email":"test.rep@example.com","team":"Test Team",
                 "territories":["de","US-CA"],"industries":["Healthcare"],"segments":["ENTERPRISE"],
                 "languages":["de","en"],"tier":"SENIOR","capacity":10,"weight":2,"timeZone":"Europe/Berlin"}"""
                .formatted(id);
    }

    @Test
    void createReadReplaceDelete() {
        given().contentType(ContentType.JSON).body(rep("rep-crud"))
                .when().post("/api/reps")
                .then().statusCode(201).header("Location", endsWith("/api/reps/rep-crud"))
                .body("territories", contains("DE", "US-CA")).body("eligible", equalTo(true))
                .body("availability", equalTo("AVAILABLE"));
        given().when().get("/api/reps/rep-crud").then().statusCode(200).body("tier", equalTo("SENIOR"));
        given().when().get("/api/reps").then().statusCode(200).body("id", hasItem("rep-crud"));

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Test Rep\",\"team\":\"Test Team\",\"availability\":\"OUT_OF_OFFICE\"}")
                .when().put("/api/reps/rep-crud")
                .then().statusCode(200).body("availability", equalTo("OUT_OF_OFFICE")).body("eligible", equalTo(false))
                .body("territories", empty());

        given().when().delete("/api/reps/rep-crud").then().statusCode(204);
        given().when().get("/api/reps/rep-crud").then().statusCode(404).contentType(PROBLEM);
        given().when().delete("/api/reps/rep-crud").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void duplicateIdIs409() {
        given().contentType(ContentType.JSON).body(rep("rep-dup")).when().post("/api/reps").then().statusCode(201);
        given().contentType(ContentType.JSON).body(rep("rep-dup")).when().post("/api/reps")
                .then().statusCode(409).contentType(PROBLEM).body("title", equalTo("Rep already exists"));
    }

    @Test
    void invalidRepNamesEveryBadField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"id":"bad id!","name":"","team":"T","territories":["XX","US-CA"],"weight":-1,
                         "capacity":-5,"timeZone":"Mars/Olympus","email":"nope","languages":["english"]}""")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("id", "name", "weight", "capacity", "timeZone", "email"))
                .body("errors.field", hasItem(startsWith("territories")))
                .body("errors.field", hasItem(startsWith("languages")));
    }

    @Test
    void missingIdOnCreateIs400() {
        given().contentType(ContentType.JSON).body("{\"name\":\"N\",\"team\":\"T\"}")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("id"));
    }

    @Test
    void unknownTierIs400() {
        given().contentType(ContentType.JSON).body("{\"id\":\"r\",\"name\":\"N\",\"team\":\"T\",\"tier\":\"GURU\"}")
                .when().post("/api/reps")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("tier"));
    }

    @Test
    void replacingWithAnotherIdIs400AndUnknownRepIs404() {
        given().contentType(ContentType.JSON).body(rep("rep-other"))
                .when().put("/api/reps/rep-nobody")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"name\":\"N\",\"team\":\"T\"}")
                .when().put("/api/reps/rep-nobody")
                .then().statusCode(404).contentType(PROBLEM);
    }
}
