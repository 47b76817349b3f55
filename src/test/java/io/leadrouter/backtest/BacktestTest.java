package io.leadrouter.backtest;

import io.leadrouter.persistence.DecisionScanRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Backtest of a one-row change to territories.xlsx over leads routed for real, on the shipped rules. */
@QuarkusTest
@Tag("database")
class BacktestTest {

    @Inject
    DecisionScanRepository decisions;

    private static RequestSpecification ops() {
        return given().auth().preemptive().basic("ops", "dev-ops");
    }

    private static void route(String source, String id, String country, int employees) {
        given().auth().preemptive().basic("admin", "dev-admin").contentType(ContentType.JSON)
                .body(Map.of("id", id, "country", country, "employees", employees, "source", source))
                .post("/api/route").then().statusCode(200);
    }

    private static String territoriesMovingFranceToSouthernEurope() {
        return Base64.getEncoder().encodeToString(TerritoriesWorkbook.withCell("TERR-040", 6, "Southern Europe"));
    }

    @Test
    void aOneRowChangeShowsTheShiftPerTargetAndTheChangedLeadsAndWritesNothing() {
        String source = "Backtest " + UUID.randomUUID();
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 4; i++) route(source, "bt-fr-" + i, "FR", 50);
        for (int i = 0; i < 6; i++) route(source, "bt-de-" + i, "DE", 50);
        Instant to = Instant.now().plusSeconds(1);
        DecisionScanRepository.Window everything = new DecisionScanRepository.Window(null, null, null, null);
        long logged = decisions.count(everything);

        Map<String, Object> body = new HashMap<>();
        body.put("files", Map.of("decision-tables/territories.xlsx", territoriesMovingFranceToSouthernEurope()));
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("source", source);
        body.put("pageSize", 2);
        Response answer = ops().contentType(ContentType.JSON).body(body).post("/api/rules/backtest");
        answer.then().statusCode(200).body("leads", equalTo(10)).body("changed", equalTo(4))
                .body("distribution", startsWith("simulated from pool state at"));
        List<Map<String, Object>> targets = answer.jsonPath().getList("targets");
        assertTrue(targets.contains(Map.of("name", "team France & Benelux", "before", 4, "after", 0,
                "shareBefore", 0.4f, "shareAfter", 0.0f)), targets::toString);
        assertTrue(targets.contains(Map.of("name", "team Southern Europe", "before", 0, "after", 4,
                "shareBefore", 0.0f, "shareAfter", 0.4f)), targets::toString);
        assertTrue(targets.contains(Map.of("name", "team DACH Commercial", "before", 6, "after", 6,
                "shareBefore", 0.6f, "shareAfter", 0.6f)), targets::toString);
        List<Map<String, Object>> changed = answer.jsonPath().getList("changedLeads");
        assertEquals(2, changed.size());
        assertEquals("bt-fr-0", changed.get(0).get("leadId"));
        assertEquals("team France & Benelux", changed.get(0).get("before"));
        assertEquals("team Southern Europe", changed.get(0).get("after"));
        assertTrue(String.valueOf(changed.get(0).get("ruleAfter")).startsWith("TERR-040"));
        List<Map<String, Object>> rules = answer.jsonPath().getList("rules");
        assertTrue(rules.stream().anyMatch(r -> String.valueOf(r.get("name")).startsWith("TERR-040")
                && Integer.valueOf(4).equals(r.get("before")) && Integer.valueOf(4).equals(r.get("after"))), rules::toString);
        assertTrue(rules.stream().anyMatch(r -> String.valueOf(r.get("name")).startsWith("TERR-100")
                && Integer.valueOf(0).equals(r.get("before")) && Integer.valueOf(0).equals(r.get("after"))), "dead rules listed");

        assertEquals(logged, decisions.count(everything), "a backtest writes no decision");
    }

    /** Bad input (header, values, empty file, empty window, compile errors, size) has its own test class. */
    @Test
    void aCsvOfLeadsIsReplayedRowByRow() {
        ops().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("decision-tables/territories.xlsx", territoriesMovingFranceToSouthernEurope()),
                        "csv", "id,country\nc1,FR\nc2,DE\n"))
                .post("/api/rules/backtest").then().statusCode(200).body("leads", equalTo(2)).body("changed", equalTo(1))
                .body("changedLeads[0].row", equalTo(2));
    }

    @Test
    void theCandidateAndTheLeadCsvCanBeSentAsMultipartParts() {
        byte[] workbook = TerritoriesWorkbook.withCell("TERR-040", 6, "Southern Europe");
        ops().multiPart("decision-tables/territories.xlsx", "territories.xlsx", workbook)
                .multiPart("csv", "leads.csv", "id,country\nm1,FR\nm2,DE\n".getBytes(), "text/csv")
                .multiPart("pageSize", "1")
                .post("/api/rules/backtest").then().statusCode(200).body("leads", equalTo(2)).body("changed", equalTo(1))
                .body("changedLeads[0].leadId", equalTo("m1")).body("changedLeads[0].after", equalTo("team Southern Europe"));
        ops().multiPart("decision-tables/territories.xlsx", "territories.xlsx", workbook)
                .multiPart("csv", "leads.csv", "id,employees\nm1,5\nm2,lots\n".getBytes(), "text/csv")
                .post("/api/rules/backtest").then().statusCode(400).body("errors[0].field", equalTo("row 3, employees"));
        ops().multiPart("decision-tables/territories.xlsx", "territories.xlsx", workbook)
                .multiPart("from", "yesterday")
                .post("/api/rules/backtest").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }
}
