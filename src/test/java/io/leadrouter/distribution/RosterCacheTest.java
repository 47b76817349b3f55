package io.leadrouter.distribution;

import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.BeforeAll;

import io.leadrouter.engine.ServedRules;

import io.leadrouter.decision.Candidate;
import io.leadrouter.decision.Decision;
import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.ClusterChanges;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRows;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.routing.RoutingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roster and holidays are served from memory (issue 12): a change through this instance's API or entities is
 * seen by the next route; a change another instance made (simulated: plain SQL and a bump of its {@code
 * cluster_change} version, as another instance's API write does) is not seen until the cluster poll, then by the next
 * route. Open-lead counts, which change with every route, are read for the route itself: not stale even without a
 * poll. H2 by default, PostgreSQL via the {@code database} tag.
 */
@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
public class RosterCacheTest {

    @Inject
    RuleEngine engine;
    @Inject
    RoutingService routing;
    @Inject
    RepRepository reps;
    @Inject
    ClusterChanges changes;
    @Inject
    EntityManager em;

    /** This class's rules, served for all of its tests; the previous rule set is put back after the last one. */
    static ServedRules served;

    @BeforeAll
    static void useTestRules() {
        served = ServedRules.serve(new RuleSourceSet(List.of(new RuleSource("rules/roster-cache-test.drl",
                DistributionTest.DRL.getBytes(StandardCharsets.UTF_8)))), RosterCacheTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    @BeforeEach
    void learnTheChangeVersions() {
        changes.poll(); // the first poll only learns the versions
    }

    void addRep(String id, String team, Consumer<RepEntity> tweak) {
        RepRows.add(id, team, tweak);
    }

    /** What another instance's write leaves in the database: the rows and its topic's version bumped. */
    void otherInstance(String topic, String... statements) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String sql : statements) {
                em.createNativeQuery(sql).executeUpdate();
            }
            if (topic != null) {
                em.createNativeQuery("update cluster_change set version = version + 1 where topic = '" + topic + "'")
                        .executeUpdate();
            }
        });
    }

    Decision dryRun(String team) {
        return routing.route(DistributionTest.lead(team, null), true);
    }

    static String assignee(Decision d) {
        return d.assignee() == null ? null : d.assignee().id();
    }

    static Candidate candidate(Decision d, String repId) {
        return d.explanation().candidates().stream().filter(c -> c.repId().equals(repId)).findFirst().orElseThrow();
    }

    @Test
    void apiEditsAreSeenByTheNextRouteHere() {
        String team = DistributionTest.team("cache-api");
        String id = "rc-api-" + System.nanoTime();
        assertNull(assignee(dryRun(team)), "nobody in the team yet");
        given().contentType(ContentType.JSON).body("""
                {"id": "%s", "name": "Api Rep", "team": "%s", "tier": "MID", "timeZone": "UTC"}
                """.formatted(id, team)).when().post("/api/reps").then().statusCode(201);
        assertEquals(id, assignee(dryRun(team)), "a new rep routes at once");
        given().contentType(ContentType.JSON).body("""
                {"name": "Api Rep", "team": "%s", "tier": "MID", "timeZone": "UTC", "active": false}
                """.formatted(team)).when().put("/api/reps/" + id).then().statusCode(200);
        Decision inactive = dryRun(team);
        assertNull(assignee(inactive));
        assertEquals("inactive", candidate(inactive, id).excludedBecause());
        given().when().delete("/api/reps/" + id).then().statusCode(204);
        assertTrue(dryRun(team).explanation().candidates().isEmpty(), "a removed rep is no candidate");
    }

    @Test
    void entityWritesAreSeenByTheNextRouteHere() {
        String team = DistributionTest.team("cache-entity");
        String id = "rc-ent-" + System.nanoTime();
        addRep(id, team, e -> { });
        assertEquals(id, assignee(dryRun(team)));
        QuarkusTransaction.requiringNew().run(() -> reps.findById(id).availability = Availability.AWAY);
        assertEquals("away", candidate(dryRun(team), id).excludedBecause());
    }

    @Test
    void anotherInstancesRosterChangeIsSeenAfterThePoll() {
        String team = DistributionTest.team("cache-other");
        String a = "rc-oa-" + System.nanoTime();
        String b = "rc-ob-" + System.nanoTime();
        addRep(a, team, e -> { });
        addRep(b, team + "-elsewhere", e -> { });
        assertEquals(a, assignee(dryRun(team)));
        // Another instance deactivates a and moves b into the team (pool membership changes).
        otherInstance("roster", "update rep set active = false where id = '" + a + "'",
                "update rep set team = '" + team + "' where id = '" + b + "'");
        assertEquals(a, assignee(dryRun(team)), "served from memory until the poll");
        changes.poll();
        Decision after = dryRun(team);
        assertEquals(b, assignee(after));
        assertEquals("inactive", candidate(after, a).excludedBecause());
        assertEquals(b, assignee(routing.route(DistributionTest.lead(team, null), false)), "a real route too");
    }

    @Test
    void anotherInstancesHolidayIsSeenAfterThePoll() {
        String team = DistributionTest.team("cache-holiday");
        String region = "Q" + (char) ('A' + (int) (System.nanoTime() % 26)) + "-" + (System.nanoTime() % 900 + 100);
        String id = "rc-hol-" + System.nanoTime();
        addRep(id, team, e -> e.holidayRegion = region);
        assertEquals(id, assignee(dryRun(team)));
        LocalDate today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate();
        otherInstance("holidays", "insert into holiday (region, holiday_date, name) values ('" + region + "', date '"
                + today + "', 'Cache day')");
        assertEquals(id, assignee(dryRun(team)), "served from memory until the poll");
        changes.poll();
        Decision after = dryRun(team);
        assertNull(assignee(after));
        assertEquals("holiday in " + region + " on " + today, candidate(after, id).excludedBecause());
        otherInstance("holidays", "delete from holiday where region = '" + region + "'");
        changes.poll();
        assertEquals(id, assignee(dryRun(team)));
    }

    @Test
    void openLeadsAreReadForTheRouteNotTakenFromMemory() {
        String team = DistributionTest.team("cache-open");
        String id = "rc-open-" + System.nanoTime();
        addRep(id, team, e -> e.capacity = 1);
        assertEquals(id, assignee(dryRun(team)));
        // No version bump: open leads are not part of the roster snapshot.
        otherInstance(null, "update rep set open_leads = 1 where id = '" + id + "'");
        Decision full = dryRun(team);
        assertNull(assignee(full));
        assertEquals("at capacity (1/1 open leads)", candidate(full, id).excludedBecause());
        // The count just read is what rules see next time (Rep(eligible)), and a real route counts on it.
        otherInstance(null, "update rep set open_leads = 0 where id = '" + id + "'");
        assertEquals(id, assignee(routing.route(DistributionTest.lead(team, null), false)));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> reps.findById(id).openLeads));
        assertEquals("at capacity (1/1 open leads)", candidate(dryRun(team), id).excludedBecause());
    }
}
