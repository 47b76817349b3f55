package io.leadrouter.backtest;

import io.leadrouter.persistence.DecisionScanRepository;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every batch row (CSV and JSON lines) passes the checks of {@code POST /api/route} before anything of it is routed:
 * a failing row is reported by row number and field with the message the single route gives, the others are routed.
 */
@QuarkusTest
@Tag("database")
class BatchRowValidationTest {

    private static final String LONG_ID = "x".repeat(129);

    @Inject
    DecisionScanRepository decisions;

    private long storedDecisions() {
        return decisions.count(new DecisionScanRepository.Window(null, null, null, null));
    }

    private static Response send(String contentType, String batchId, String body) {
        return given().auth().preemptive().basic("admin", "dev-admin").contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).queryParam("batchId", batchId).post("/api/route/batch");
    }

    /** The message {@code POST /api/route} gives for {@code field} of {@code lead}. */
    private static String singleRouteMessage(String lead, String field) {
        Response answer = given().auth().preemptive().basic("admin", "dev-admin").contentType("application/json")
                .body(lead).post("/api/route");
        answer.then().statusCode(400);
        return answer.jsonPath().getString("errors.find { it.field == '" + field + "' }.message");
    }

    @Test
    void csvRowsFailingTheSingleRouteChecksAreReportedByRowAndFieldAndTheOthersAreRouted() {
        String prefix = "valid-" + System.nanoTime() + "-";
        StringBuilder csv = new StringBuilder("id,email,country,employees\n"); // row 1
        for (int row = 2; row <= 11; row++) {
            String id = row == 3 ? LONG_ID : prefix + row;
            String email = row == 5 ? "not-an-email" : "lead" + row + "@example.com";
            String country = row == 7 ? "XX" : "DE";
            csv.append(id).append(',').append(email).append(',').append(country).append(",50\n");
        }
        String batchId = "validation-" + System.nanoTime();
        long before = storedDecisions();

        Response answer = send("text/csv", batchId, csv.toString());
        answer.then().statusCode(200).body("total", equalTo(10))
                .body("errors.row", contains(3, 5, 7))
                .body("errors.field", contains("id", "email", "country"))
                .body("routed.row", contains(2, 4, 6, 8, 9, 10, 11))
                .body("routed.leadId", everyItem(startsWith(prefix)));
        List<Map<String, Object>> errors = answer.jsonPath().getList("errors");
        assertEquals(singleRouteMessage("{\"id\":\"" + LONG_ID + "\"}", "id"), errors.get(0).get("message"));
        assertEquals(singleRouteMessage("{\"id\":\"a\",\"email\":\"not-an-email\"}", "email"), errors.get(1).get("message"));
        assertEquals(singleRouteMessage("{\"id\":\"a\",\"country\":\"XX\"}", "country"), errors.get(2).get("message"));
        assertEquals(before + 7, storedDecisions(), "only the valid rows have decisions");

        // Nothing of a refused row was recorded: re-sent, the valid rows are skipped and the bad ones refused again.
        send("text/csv", batchId, csv.toString()).then().statusCode(200).body("routed", empty())
                .body("skipped", contains(2, 4, 6, 8, 9, 10, 11)).body("errors.row", contains(3, 5, 7));
        assertEquals(before + 7, storedDecisions());
    }

    @Test
    void jsonLinesPassTheSameChecks() {
        String prefix = "valid-jsonl-" + System.nanoTime() + "-";
        String lines = String.join("\n",
                "{\"id\":\"" + prefix + "1\",\"country\":\"DE\"}",
                "{\"id\":\"" + LONG_ID + "\",\"country\":\"DE\"}",
                "{\"id\":\"" + prefix + "3\",\"email\":\"a@@b\"}",
                "{\"id\":\"" + prefix + "4\",\"country\":\"Germany\",\"firstName\":\"" + "y".repeat(201) + "\"}",
                "{\"id\":\"" + prefix + "5\",\"country\":\"fr\"}") + "\n";
        long before = storedDecisions();

        send("application/x-ndjson", "validation-jsonl-" + System.nanoTime(), lines).then().statusCode(200)
                .body("total", equalTo(5))
                .body("errors.row", contains(2, 3, 4, 4))
                .body("errors.field", contains("id", "email", "country", "firstName"))
                .body("routed.row", contains(1, 5));
        assertEquals(before + 2, storedDecisions());
    }
}
