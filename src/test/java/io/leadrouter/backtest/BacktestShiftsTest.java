package io.leadrouter.backtest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The backtest answer's per-rule fire counts (rules that newly fire, rules dead in both versions) and its score and
 * priority distributions before → after, on the shipped rules and roster.
 */
@QuarkusTest
@Tag("database")
class BacktestShiftsTest {

    private static Response backtest(String file, byte[] content, String csv) {
        return given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of(file, Base64.getEncoder().encodeToString(content)), "csv", csv))
                .post("/api/rules/backtest");
    }

    /** The row of {@code list} named {@code name} or starting with it (rule names carry their description). */
    private static Map<String, Object> row(List<Map<String, Object>> list, String name) {
        Optional<Map<String, Object>> found = list.stream()
                .filter(r -> String.valueOf(r.get("name")).equals(name) || String.valueOf(r.get("name")).startsWith(name + " "))
                .findFirst();
        return found.orElseThrow(() -> new AssertionError("no row " + name + " in " + list));
    }

    private static void assertShift(List<Map<String, Object>> list, String name, int before, int after) {
        Map<String, Object> row = row(list, name);
        assertEquals(List.of(before, after), List.of(row.get("before"), row.get("after")), name + ": " + row);
    }

    @Test
    void aNewRowFiresOnlyInTheCandidateAndRulesThatFireInNeitherAreListedAsDead() {
        // A Benelux row above France & Benelux (salience 205 > 200): it takes the Dutch and Belgian leads.
        byte[] candidate = TerritoriesWorkbook.withRow("TERR-110 Benelux → Southern Europe team", 205, "assignment",
                "BE, NL, LU", null, null, "Southern Europe");
        Response answer = backtest("decision-tables/territories.xlsx", candidate,
                "id,country,employees\nn1,NL,50\nn2,BE,50\nf1,FR,50\nd1,DE,50\n");
        answer.then().statusCode(200);
        assertEquals(4, answer.jsonPath().getInt("leads"));
        assertEquals(2, answer.jsonPath().getInt("changed"));
        List<Map<String, Object>> rules = answer.jsonPath().getList("rules");

        assertShift(rules, "TERR-110", 0, 2); // newly fires: a rule only the candidate has
        assertShift(rules, "TERR-040", 3, 1);
        assertShift(rules, "TERR-020", 1, 1);
        // Dead in both: listed with 0 → 0, from a table (no APAC lead) and from a DRL (no 250k+ enterprise deal).
        assertShift(rules, "TERR-100", 0, 0);
        assertShift(rules, "VIP-010", 0, 0);
        // Every rule of either version is listed once, whether it fired or not.
        assertEquals(rules.size(), rules.stream().map(r -> r.get("name")).distinct().count());
        assertTrue(rules.stream().filter(r -> Integer.valueOf(0).equals(r.get("before"))
                && Integer.valueOf(0).equals(r.get("after"))).count() >= 10, rules::toString);

        List<Map<String, Object>> changed = answer.jsonPath().getList("changedLeads");
        assertEquals(List.of("n1", "n2"), changed.stream().map(c -> c.get("leadId")).toList());
        assertTrue(String.valueOf(changed.get(0).get("onlyAfter")).contains("TERR-110"), changed::toString);
        assertTrue(String.valueOf(changed.get(0).get("onlyBefore")).contains("TERR-040"), changed::toString);
    }

    @Test
    void aRuleTheCandidateRemovesGoesFromItsCountToNothing() {
        Response answer = given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body("{\"files\":{\"rules/priority.drl\":null},\"csv\":\"id,source\\nd1,Demo request\\nd2,Demo request\\n\"}")
                .post("/api/rules/backtest");
        answer.then().statusCode(200);
        List<Map<String, Object>> rules = answer.jsonPath().getList("rules");
        assertShift(rules, "PRIO-020", 2, 0);
        assertShift(answer.jsonPath().getList("priorities"), "URGENT", 2, 0);
        assertShift(answer.jsonPath().getList("priorities"), "NORMAL", 0, 2);
    }

    @Test
    void aScoringRowChangeShowsTheScoreAndPriorityDistributionsBeforeAndAfter() {
        // SCORE-010 Enterprise segment +30 → +60 (column 7: "points, reason").
        byte[] candidate = TerritoriesWorkbook.withCell(TerritoriesWorkbook.SCORING, "SCORE-010", 7, "60, Enterprise segment");
        // e1, e2: enterprise (2000 employees) +30, Financial Services +15, revenue 1B+ +20 = 65 → 95, so HIGH (>= 80).
        // s1: a small French company, no points either way.
        String csv = """
                id,country,employees,industry,annualRevenue
                e1,DE,2000,Financial Services,2000000000
                e2,DE,2000,Financial Services,2000000000
                s1,FR,50,,
                """;
        Response answer = backtest("decision-tables/lead-scoring.xlsx", candidate, csv);
        answer.then().statusCode(200);
        assertEquals(3, answer.jsonPath().getInt("leads"));
        assertEquals(0, answer.jsonPath().getInt("changed"), "scores move, targets do not");

        List<Map<String, Object>> scores = answer.jsonPath().getList("scores");
        assertShift(scores, "0060..0069", 2, 0);
        assertShift(scores, "0090..0099", 0, 2);
        assertShift(scores, "0000..0009", 1, 1);
        assertEquals(1.0f / 3 * 2, ((Number) row(scores, "0060..0069").get("shareBefore")).floatValue(), 0.0001);
        assertEquals(0.0f, ((Number) row(scores, "0060..0069").get("shareAfter")).floatValue());

        List<Map<String, Object>> priorities = answer.jsonPath().getList("priorities");
        assertShift(priorities, "NORMAL", 3, 1);
        assertShift(priorities, "HIGH", 0, 2);
        // The rule the new scores make fire shows up as newly firing.
        assertShift(answer.jsonPath().getList("rules"), "PRIO-010", 0, 2);
        assertShift(answer.jsonPath().getList("rules"), "SCORE-010", 2, 2);
    }
}
