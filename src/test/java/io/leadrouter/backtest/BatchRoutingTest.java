package io.leadrouter.backtest;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.DecisionScanRepository;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRows;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** A CSV batch routed for real: fair across the batch, bad rows reported by number, a re-sent batch routes nothing twice. */
@QuarkusTest
@Tag("database")
class BatchRoutingTest {

    private static final String DRL = """
            package batchtest;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "BATCH-TEST route to the pool named by the lead"
                salience 1000000
            when
                $lead : Lead(attributes["pool"] != null)
            then
                routing.assignToTeam((String) $lead.attribute("pool"));
            end
            """;

    @Inject
    RuleEngine engine;
    @Inject
    RepRepository reps;
    @Inject
    DecisionScanRepository decisions;

    /** This class's rules, served for all of its tests; the previous rule set is put back after the last one. */
    static ServedRules served;

    @BeforeAll
    static void useTestRules() {
        served = ServedRules.serve(new RuleSourceSet(List.of(
                new RuleSource("rules/batch-test.drl", DRL.getBytes(StandardCharsets.UTF_8)))), BatchRoutingTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    private void addRep(String id, String team) {
        RepRows.add(id, team);
    }

    private static Response send(String batchId, String csv) {
        return given().auth().preemptive().basic("admin", "dev-admin").contentType("text/csv").body(csv)
                .queryParam("batchId", batchId).post("/api/route/batch");
    }

    @Test
    void aHundredLeadsIntoAFiveRepRoundRobinGiveTwentyEachAndAResentBatchRoutesNothingTwice() {
        String team = "batch-team-" + System.nanoTime();
        for (int i = 0; i < 5; i++) addRep(team + "-rep-" + i, team);
        StringBuilder csv = new StringBuilder("id,employees,attributes.pool\n");
        for (int i = 0; i < 100; i++) {
            csv.append("batch-lead-").append(i).append(",10,").append(team).append('\n');
            if (i == 40) {
                csv.append("batch-lead-bad,many,").append(team).append('\n'); // row 43
            }
        }
        String batchId = "trade-show-" + System.nanoTime();
        long before = decisions.count(new DecisionScanRepository.Window(null, null, null, null));

        Response first = send(batchId, csv.toString());
        first.then().statusCode(200).body("total", equalTo(101)).body("routed.size()", equalTo(100))
                .body("skipped", empty()).body("errors[0].row", equalTo(43)).body("errors[0].field", equalTo("employees"));
        Map<String, Long> perRep = first.jsonPath().getList("routed.assignee", String.class).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(5, perRep.size(), perRep::toString);
        perRep.values().forEach(n -> assertEquals(20L, n, perRep::toString));
        assertEquals(before + 100, decisions.count(new DecisionScanRepository.Window(null, null, null, null)));

        Response again = send(batchId, csv.toString());
        again.then().statusCode(200).body("routed", empty()).body("skipped.size()", equalTo(100));
        assertEquals(before + 100, decisions.count(new DecisionScanRepository.Window(null, null, null, null)),
                "nothing routed twice");
    }

    @Test
    void aLargeBatchRunsAsAJobWithProgressAndCanBeCancelledThenFinishedByResending() {
        String team = "batch-job-team-" + System.nanoTime();
        for (int i = 0; i < 4; i++) addRep(team + "-rep-" + i, team);
        StringBuilder csv = new StringBuilder("id,attributes.pool\n");
        for (int i = 0; i < 400; i++) csv.append("job-lead-").append(i).append(',').append(team).append('\n');
        String batchId = "migration-" + System.nanoTime();
        long before = decisions.count(new DecisionScanRepository.Window(null, null, null, null));

        given().auth().preemptive().basic("admin", "dev-admin").contentType("text/csv").body(csv.toString())
                .queryParam("batchId", batchId).queryParam("async", true).post("/api/route/batch")
                .then().statusCode(202).body("total", equalTo(400));
        // Cancel mid-job: as soon as the job has routed its first rows, long before its 400.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> given().auth()
                .preemptive().basic("ops", "dev-ops").get("/api/route/batch/" + batchId).jsonPath().getInt("done"),
                greaterThan(0));
        given().auth().preemptive().basic("admin", "dev-admin").delete("/api/route/batch/" + batchId).then().statusCode(200);
        Response progress = finished(batchId, 30_000);
        int routedByJob = progress.jsonPath().getInt("routed");
        assertEquals(progress.jsonPath().getInt("done"), routedByJob);
        assertTrue(progress.jsonPath().getDouble("rate") > 0);
        assertEquals(before + routedByJob, decisions.count(new DecisionScanRepository.Window(null, null, null, null)));

        // Re-sending finishes the batch: the rows the job routed are skipped, every lead is routed exactly once. Sent
        // as a job again, so a slow machine is waited for by polling rather than by one request's read timeout.
        given().auth().preemptive().basic("admin", "dev-admin").contentType("text/csv").body(csv.toString())
                .queryParam("batchId", batchId).queryParam("async", true).post("/api/route/batch")
                .then().statusCode(202);
        Response rest = finished(batchId, 180_000);
        assertEquals("done", rest.jsonPath().getString("state"), rest::asString);
        assertEquals(400, rest.jsonPath().getInt("done"), rest::asString);
        assertEquals(400 - routedByJob, rest.jsonPath().getInt("routed"), rest::asString); // the others were skipped
        assertEquals(0, rest.jsonPath().getInt("errors"), rest::asString);
        assertEquals(before + 400, decisions.count(new DecisionScanRepository.Window(null, null, null, null)));
        given().auth().preemptive().basic("ops", "dev-ops").get("/api/route/batch/nope").then().statusCode(404);
    }

    /** Polls the job until it is cancelled or done. */
    private static Response finished(String batchId, long timeoutMillis) {
        return await().atMost(Duration.ofMillis(timeoutMillis)).until(() -> {
            Response progress = given().auth().preemptive().basic("ops", "dev-ops").get("/api/route/batch/" + batchId);
            progress.then().statusCode(200);
            return progress;
        }, progress -> List.of("cancelled", "done").contains(progress.jsonPath().getString("state")));
    }

    @Test
    void anEmptyFileOrAWrongHeaderOrNoBatchIdIsA400() {
        send("b-empty", "").then().statusCode(400).body("errors[0].field", equalTo("body"));
        send("b-header", "id,contry\nx,DE\n").then().statusCode(400).body("errors[0].field", equalTo("row 1, contry"));
        given().auth().preemptive().basic("admin", "dev-admin").contentType("text/csv").body("id\nx\n")
                .post("/api/route/batch").then().statusCode(400).body("errors[0].field", equalTo("batchId"));
    }

    @Test
    void jsonLinesAreRoutedLikeTheCsvWithErrorsByLineNumber() {
        String team = "batch-jsonl-team-" + System.nanoTime();
        for (int i = 0; i < 2; i++) addRep(team + "-rep-" + i, team);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            lines.append("{\"id\":\"jsonl-").append(i).append("\",\"employees\":10,\"attributes\":{\"pool\":\"")
                    .append(team).append("\"}}\n");
        }
        lines.append("{\"id\":\"jsonl-bad\",\"employees\":\"many\",\"attributes\":{\"pool\":\"").append(team).append("\"}}\n");
        lines.append("not json\n");
        lines.append("{\"id\":\"jsonl-x\",\"contry\":\"DE\"}\n");
        String batchId = "jsonl-" + System.nanoTime();
        long before = decisions.count(new DecisionScanRepository.Window(null, null, null, null));
        for (String type : List.of("application/x-ndjson", "application/jsonl")) {
            Response answer = given().auth().preemptive().basic("admin", "dev-admin").contentType(type)
                    .body(lines.toString().getBytes(StandardCharsets.UTF_8)).queryParam("batchId", batchId).post("/api/route/batch");
            answer.then().statusCode(200).body("total", equalTo(7))
                    .body("errors.row", contains(5, 6, 7)).body("errors[0].field", equalTo("employees"))
                    .body("errors[2].field", equalTo("contry"));
            if (type.equals("application/x-ndjson")) {
                answer.then().body("routed.size()", equalTo(4)).body("routed[0].row", equalTo(1));
                Map<String, Long> perRep = answer.jsonPath().getList("routed.assignee", String.class).stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertEquals(Map.of(team + "-rep-0", 2L, team + "-rep-1", 2L), perRep);
            } else {
                answer.then().body("routed", empty()).body("skipped", contains(1, 2, 3, 4));
            }
        }
        assertEquals(before + 4, decisions.count(new DecisionScanRepository.Window(null, null, null, null)));
        given().auth().preemptive().basic("admin", "dev-admin").contentType("application/x-ndjson").body("\n".getBytes(StandardCharsets.UTF_8))
                .queryParam("batchId", "jsonl-empty").post("/api/route/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }
}
