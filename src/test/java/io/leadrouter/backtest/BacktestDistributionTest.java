package io.leadrouter.backtest;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.DecisionScanRepository;
import io.leadrouter.persistence.PoolMemberEntity;
import io.leadrouter.persistence.PoolStateRepository;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRows;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** The backtest simulates which rep of a pool gets each lead, from today's pool state, without moving it. */
@QuarkusTest
@Tag("database")
class BacktestDistributionTest {

    private static final String ACTIVE = """
            package bttest;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "BTD-010 route to the pool named by the lead"
                salience 1000000
            when
                $lead : Lead(attributes["pool"] != null)
            then
                routing.assignToTeam((String) $lead.attribute("pool"));
            end
            """;

    private static final String MOVE = """
            package bttest;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "BTD-020 move to the team named by move"
                salience 1000010
                activation-group "assignment"
            when
                $lead : Lead(attributes["move"] != null)
            then
                routing.assignToTeam((String) $lead.attribute("move"));
            end
            """;

    @Inject
    RuleEngine engine;
    @Inject
    RepRepository reps;
    @Inject
    PoolStateRepository pools;
    @Inject
    DecisionScanRepository decisions;

    /** This class's rules, served for all of its tests; the previous rule set is put back after the last one. */
    static ServedRules served;

    @BeforeAll
    static void useTestRules() {
        served = ServedRules.serve(new RuleSourceSet(List.of(
                new RuleSource("rules/bt-distribution.drl", ACTIVE.getBytes(StandardCharsets.UTF_8)))), BacktestDistributionTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    private void addRep(String id, String team) {
        RepRows.add(id, team);
    }

    private record PoolCounters(long turn, Map<String, String> members, Map<String, Integer> openLeads) {
    }

    private PoolCounters counters(String team, List<String> repIds) {
        return QuarkusTransaction.requiringNew().call(() -> new PoolCounters(
                pools.findById("team:" + team).turn,
                pools.members("team:" + team).stream().collect(Collectors.toMap(m -> m.repId,
                        (PoolMemberEntity m) -> m.lastTurn + "/" + m.currentWeight + "/" + m.assignedTotal)),
                repIds.stream().collect(Collectors.toMap(id -> id, id -> reps.findById(id).openLeads))));
    }

    @Test
    void aCandidateMovingLeadsToATwoRepTeamAlternatesFromTodaysStateAndMovesNoCounter() {
        String old = "btd-old-" + System.nanoTime();
        String team = "btd-new-" + System.nanoTime();
        addRep(old + "-rep", old);
        addRep(team + "-a", team);
        addRep(team + "-b", team);
        // One real lead into the new team: today's state says the next turn is the other rep's.
        String firstRep = given().auth().preemptive().basic("admin", "dev-admin").contentType(ContentType.JSON)
                .body(Map.of("id", "btd-real", "attributes", Map.of("pool", team))).post("/api/route")
                .then().statusCode(200).extract().path("assignee.id");
        String otherRep = firstRep.equals(team + "-a") ? team + "-b" : team + "-a";
        PoolCounters before = counters(team, List.of(team + "-a", team + "-b"));
        long logged = decisions.count(new DecisionScanRepository.Window(null, null, null, null));

        StringBuilder csv = new StringBuilder("id,attributes.pool,attributes.move\n");
        for (int i = 0; i < 6; i++) csv.append("btd-").append(i).append(',').append(old).append(',').append(team).append('\n');
        String move = Base64.getEncoder().encodeToString(MOVE.getBytes(StandardCharsets.UTF_8));
        Response answer = given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/bt-move.drl", move), "csv", csv.toString()))
                .post("/api/rules/backtest");
        answer.then().statusCode(200).body("leads", equalTo(6)).body("changed", equalTo(6))
                .body("assigneeChanged", equalTo(6))
                .body("distribution", startsWith("simulated from pool state at "));
        List<String> after = answer.jsonPath().getList("changedLeads.assigneeAfter", String.class);
        assertEquals(List.of("rep " + otherRep + " (" + otherRep + ")", "rep " + firstRep + " (" + firstRep + ")",
                "rep " + otherRep + " (" + otherRep + ")", "rep " + firstRep + " (" + firstRep + ")",
                "rep " + otherRep + " (" + otherRep + ")", "rep " + firstRep + " (" + firstRep + ")"), after);
        answer.jsonPath().getList("changedLeads.assigneeBefore", String.class)
                .forEach(a -> assertEquals("rep " + old + "-rep (" + old + "-rep)", a));
        List<Map<String, Object>> assignees = answer.jsonPath().getList("assignees");
        assertTrue(assignees.contains(Map.of("name", "rep " + firstRep + " (" + firstRep + ")", "before", 0,
                "after", 3, "shareBefore", 0.0f, "shareAfter", 0.5f)), assignees::toString);

        assertEquals(before, counters(team, List.of(team + "-a", team + "-b")), "the real pool counters did not move");
        assertEquals(logged, decisions.count(new DecisionScanRepository.Window(null, null, null, null)));

        // The simulation is a copy: a second backtest starts from the same state and gives the same answer.
        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/bt-move.drl", move), "csv", csv.toString()))
                .post("/api/rules/backtest").then().statusCode(200)
                .body("changedLeads[0].assigneeAfter", equalTo("rep " + otherRep + " (" + otherRep + ")"));
    }
}
