package io.leadrouter.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class RouteResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URL server;

    @Test
    void routesALeadAndLogsTheDecision() {
        String decisionId = given().contentType(ContentType.JSON)
                .body("""
                        {"id":"lead-rest-1","email":"ada@example.de","company":"Example GmbH","country":"de",
                         "employees":2500,"industry":"Manufacturing","source":"Web"}""")
                .when().post("/api/route")
                .then().statusCode(200)
                .body("leadId", equalTo("lead-rest-1"))
                .body("decisionId", notNullValue())
                .body("rulesVersion", startsWith("v"))
                .body("decidedAt", notNullValue())
                .body("matchedRules", notNullValue())
                .body("$", not(hasKey("dryRun")))
                .extract().path("decisionId");

        given().when().get("/api/decisions/" + decisionId)
                .then().statusCode(200)
                .body("decisionId", equalTo(decisionId))
                .body("lead.id", equalTo("lead-rest-1"))
                .body("lead.country", equalTo("DE"))
                .body("rulesVersion", startsWith("v"));

        given().queryParam("leadId", "lead-rest-1").when().get("/api/decisions")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].decisionId", equalTo(decisionId));
    }

    @Test
    void dryRunAnswersButStoresNothing() {
        given().contentType(ContentType.JSON).queryParam("dryRun", true)
                .body("{\"id\":\"lead-dry-1\",\"country\":\"US\",\"region\":\"CA\"}")
                .when().post("/api/route")
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("decisionId", notNullValue());
        given().queryParam("leadId", "lead-dry-1").when().get("/api/decisions")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    /** Over quarkus.http.limits.max-body-size (10 MiB): refused on the declared length alone, before the body is sent. */
    @Test
    void aBodyOverTheSizeLimitIsA413Problem() throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/route HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 20000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes after answering
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase().contains("content-type: " + PROBLEM), answer);
            assertTrue(answer.contains("\"status\":413") && answer.contains("\"title\":\"Payload too large\"")
                    && answer.contains("10485760 bytes (quarkus.http.limits.max-body-size)"), answer);
        }
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"id\": \"x\", ")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", notNullValue()).body("title", equalTo("Invalid request")).body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"))
                .body(not(containsString("at io.")));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"id\":\"x\",\"employees\":\"lots\"}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("employees"))
                .body("errors[0].message", containsString("whole number"));
    }

    @Test
    void missingIdNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"country\":\"DE\"}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("id"));
    }

    @Test
    void invalidCountryCodeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"id\":\"x\",\"country\":\"XX\"}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("country"))
                .body("errors.message", hasItem(containsString("ISO 3166-1")));
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        given().contentType(ContentType.JSON).body("{\"id\":\"x\",\"customerType\":\"VIP\"}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("customerType"))
                .body("errors[0].message", containsString("EXISTING_CUSTOMER"));
    }

    @Test
    void severalBadFieldsAreAllNamed() {
        given().contentType(ContentType.JSON).body("{\"id\":\" \",\"country\":\"ZZ\",\"email\":\"nope\",\"employees\":-3}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("id", "country", "email", "employees"));
    }

    @Test
    void unknownFieldIsRefusedByName() {
        given().contentType(ContentType.JSON).body("{\"id\":\"x\",\"contry\":\"DE\"}")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("contry"));
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/route")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void wrongMediaTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("id=x")
                .when().post("/api/route")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415));
    }
}
