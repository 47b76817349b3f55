package io.leadrouter.distribution;

import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.decision.Candidate;
import io.leadrouter.decision.Decision;
import io.leadrouter.decision.Explanation;
import io.leadrouter.routing.RoutingService;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.PoolMemberEntity;
import io.leadrouter.persistence.PoolStateRepository;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRows;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distribution against the database: strategies, exclusions, caps and fairness under concurrency. Every test routes
 * into a team it creates, through a one-rule test rule set ({@code attributes["pool"]} names the team), so it does
 * not depend on the example rules; the previous rules are restored afterwards. DB-agnostic: runs on H2 and PostgreSQL.
 */
@QuarkusTest
@Tag("database")
public class DistributionTest {

    public static final String DRL = """
            package disttest;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "DIST-TEST route to the pool named by the lead"
                salience 1000000
            when
                $lead : Lead(attributes["pool"] != null)
            then
                routing.assignToTeam((String) $lead.attribute("pool"), (String) $lead.attribute("strategy"));
            end
            """;
    static final AtomicInteger LEADS = new AtomicInteger();

    @Inject
    RuleEngine engine;
    @Inject
    RoutingService routing;
    @Inject
    RepRepository reps;
    @Inject
    DecisionRepository decisions;
    @Inject
    PoolStateRepository pools;
    @Inject
    DecisionLog decisionLog;

    /** This class's rules, served for all of its tests; the previous rule set is put back after the last one. */
    static ServedRules served;

    @BeforeAll
    static void useTestRules() {
        served = ServedRules.serve(new RuleSourceSet(List.of(
                new RuleSource("rules/dist-test.drl", DRL.getBytes(StandardCharsets.UTF_8)))), DistributionTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    static String team(String name) {
        return "dist-" + name + "-" + System.nanoTime();
    }

    void addRep(String id, String team, Consumer<RepEntity> tweak) {
        RepRows.add(id, team, tweak);
    }

    void updateRep(String id, Consumer<RepEntity> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(reps.findById(id)));
    }

    static Lead lead(String team, String strategy) {
        Lead lead = new Lead();
        lead.setId("dist-lead-" + LEADS.incrementAndGet());
        lead.setAttributes(new java.util.HashMap<>(strategy == null ? Map.of("pool", team)
                : Map.of("pool", team, "strategy", strategy)));
        return lead;
    }

    Decision route(String team, String strategy) {
        return routing.route(lead(team, strategy), false);
    }

    /** Routes n leads from 8 threads at once; answers who got how many ("queue X" for queued leads). */
    Map<String, Long> routeConcurrently(int n, Callable<Decision> one) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(one));
            }
            List<Decision> all = new ArrayList<>();
            for (Future<Decision> f : futures) {
                all.add(f.get());
            }
            return all.stream().collect(Collectors.groupingBy(
                    d -> d.assignee() != null ? d.assignee().id() : "queue " + d.queue(), Collectors.counting()));
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void twoHundredConcurrentRoutesGiveFiveEqualRepsFortyEach() throws Exception {
        String team = team("rr");
        for (int i = 1; i <= 5; i++) {
            addRep(team + "-r" + i, team, e -> { });
        }
        Map<String, Long> counts = routeConcurrently(200, () -> route(team, "ROUND_ROBIN"));
        assertEquals(5, counts.size(), counts.toString());
        counts.values().forEach(c -> assertEquals(40L, c, counts.toString()));
        assertEquals(200, QuarkusTransaction.requiringNew().call(() -> pools.findById("team:" + team).turn));
    }

    @Test
    void weightsThreeOneOneOverFiveHundredConcurrentLeads() throws Exception {
        String team = team("wrr");
        addRep(team + "-a", team, e -> e.weight = 3);
        addRep(team + "-b", team, e -> e.weight = 1);
        addRep(team + "-c", team, e -> e.weight = 1);
        Map<String, Long> counts = routeConcurrently(500, () -> route(team, "WEIGHTED"));
        assertTrue(Math.abs(counts.get(team + "-a") - 300) <= 1, counts.toString());
        assertTrue(Math.abs(counts.get(team + "-b") - 100) <= 1, counts.toString());
        assertTrue(Math.abs(counts.get(team + "-c") - 100) <= 1, counts.toString());
    }

    @Test
    void capsAreNeverExceededUnderConcurrency() throws Exception {
        String team = team("caps");
        addRep(team + "-a", team, e -> e.dailyCap = 5);
        addRep(team + "-b", team, e -> e.weeklyCap = 3);
        addRep(team + "-c", team, e -> e.conditionalCaps = new ArrayList<>(List.of(
                new ConditionalCap(Segment.ENTERPRISE, ConditionalCap.Window.DAY, 2))));
        Map<String, Long> counts = routeConcurrently(30, () -> {
            Lead lead = lead(team, "LEAST_LOADED");
            lead.setSegment(Segment.ENTERPRISE);
            return routing.route(lead, false);
        });
        assertEquals(5L, counts.get(team + "-a"), counts.toString());
        assertEquals(3L, counts.get(team + "-b"), counts.toString());
        assertEquals(2L, counts.get(team + "-c"), counts.toString());
        assertEquals(20L, counts.get("queue Unassigned"), counts.toString());

        Lead lead = lead(team, null);
        lead.setSegment(Segment.ENTERPRISE);
        Decision last = routing.route(lead, true);
        Map<String, String> reasons = last.explanation().candidates().stream()
                .collect(Collectors.toMap(Candidate::repId, Candidate::excludedBecause));
        assertEquals("at daily cap (5/5 leads today)", reasons.get(team + "-a"));
        assertEquals("at weekly cap (3/3 leads this week)", reasons.get(team + "-b"));
        assertEquals("at conditional cap (2/2 ENTERPRISE leads today)", reasons.get(team + "-c"));
        assertTrue(last.explanation().outcome().startsWith("queued in Unassigned: no eligible rep in team " + team),
                last.explanation().outcome());
    }

    @Test
    void roundRobinSkipsAnOutOfOfficeRepAndSaysSo() {
        String team = team("ooo");
        addRep(team + "-anna", team, e -> { });
        addRep(team + "-ben", team, e -> {
            e.availability = Availability.OUT_OF_OFFICE;
            e.outOfOfficeUntil = LocalDate.now().plusDays(7);
        });
        addRep(team + "-cleo", team, e -> { });
        List<String> picks = new ArrayList<>();
        Decision first = null;
        for (int i = 0; i < 4; i++) {
            Decision d = route(team, null);
            first = first == null ? d : first;
            picks.add(d.assignee().id());
        }
        assertEquals(List.of(team + "-anna", team + "-cleo", team + "-anna", team + "-cleo"), picks);
        Explanation why = first.explanation();
        try {
            writeSample("ooo-decision.json", new com.fasterxml.jackson.databind.ObjectMapper()
                    .findAndRegisterModules().writerWithDefaultPrettyPrinter().writeValueAsString(first));
        } catch (Exception e) {
            // only a sample for the docs
        }
        assertEquals("ROUND_ROBIN", why.strategy());
        assertEquals("team:" + team, why.pool());
        assertEquals(team + "-anna", why.chosen());
        assertEquals(1, why.strategyState().turn());
        Candidate ben = why.candidates().stream().filter(c -> c.repId().equals(team + "-ben")).findFirst().orElseThrow();
        assertEquals("out of office until " + LocalDate.now().plusDays(7), ben.excludedBecause());

        // The explanation is stored with the decision and read back the same.
        String stored = QuarkusTransaction.requiringNew().call(() -> decisions.findById(decisionIdOf(picks, team)).explanation);
        assertTrue(stored.contains("out of office until"), stored);
    }

    private java.util.UUID decisionIdOf(List<String> picks, String team) {
        return decisions.find("pool", "team:" + team).firstResult().id;
    }

    @Test
    void aRepAddedMidRotationGetsHerShareFromThenOnNotABurst() {
        String team = team("join");
        addRep(team + "-a", team, e -> { });
        addRep(team + "-b", team, e -> { });
        addRep(team + "-c", team, e -> { });
        for (int i = 0; i < 7; i++) {
            route(team, null);
        }
        addRep(team + "-d", team, e -> { });
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            next.add(route(team, null).assignee().id().substring(team.length() + 1));
        }
        assertEquals(2, next.stream().filter("d"::equals).count(), next.toString());
        assertTrue(!next.get(0).equals("d"), "no jump to the front: " + next);
        for (int i = 1; i < next.size(); i++) {
            assertTrue(!(next.get(i).equals("d") && next.get(i - 1).equals("d")), "no burst: " + next);
        }
    }

    @Test
    void aDryRunLeavesEveryCounterUnchanged() {
        String team = team("dry");
        addRep(team + "-a", team, e -> { });
        addRep(team + "-b", team, e -> { });
        route(team, null);
        String before = stateOf(team);
        long decisionsBefore = QuarkusTransaction.requiringNew().call(() -> decisions.count());
        Decision dry = routing.route(lead(team, null), true);
        assertEquals(Boolean.TRUE, dry.dryRun());
        assertEquals(team + "-b", dry.assignee().id());
        assertEquals(before, stateOf(team));
        assertEquals(decisionsBefore, QuarkusTransaction.requiringNew().call(() -> decisions.count()));
        assertEquals(team + "-b", route(team, null).assignee().id(), "the real route gets the same answer");
    }

    String stateOf(String team) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder s = new StringBuilder("turn=" + pools.findById("team:" + team).turn);
            for (PoolMemberEntity m : pools.members("team:" + team)) {
                s.append(' ').append(m.repId).append(':').append(m.lastTurn).append('/').append(m.currentWeight)
                        .append('/').append(m.assignedTotal).append('/').append(reps.findById(m.repId).openLeads);
            }
            return s.toString();
        });
    }

    @Test
    void duplicateLeadsStickToTheirOwnerWhileEligibleThenFallThroughToThePool() {
        String team = team("sticky");
        addRep(team + "-a", team, e -> { });
        addRep(team + "-b", team, e -> { });
        Lead first = lead(team, null);
        first.setEmail("ada@" + team + ".example");
        String owner = routing.route(first, false).assignee().id();

        Lead sameEmail = lead(team, null);
        sameEmail.setEmail("ADA@" + team + ".example");
        Decision again = routing.route(sameEmail, false);
        assertEquals(owner, again.assignee().id());
        assertEquals("sticky owner", again.explanation().strategy());
        assertTrue(again.explanation().ownership().contains("same email"), again.explanation().ownership());

        Lead colleague = lead(team, null);
        colleague.setEmail("grace@" + team + ".example");
        Decision sameCompany = routing.route(colleague, false);
        assertEquals(owner, sameCompany.assignee().id());
        assertTrue(sameCompany.explanation().ownership().contains("same company domain"));

        updateRep(owner, e -> e.availability = Availability.AWAY);
        Lead whileAway = lead(team, null);
        whileAway.setEmail("ada@" + team + ".example");
        Decision fallThrough = routing.route(whileAway, false);
        assertTrue(!fallThrough.assignee().id().equals(owner));
        assertTrue(fallThrough.explanation().ownership().contains("skipped: away"), fallThrough.explanation().ownership());
        assertEquals("ROUND_ROBIN", fallThrough.explanation().strategy());
    }

    @Test
    void theCrmsExistingOwnerWins() {
        String team = team("crmowner");
        addRep(team + "-a", team, e -> { });
        addRep(team + "-b", team, e -> { });
        Lead lead = lead(team, null);
        lead.setExistingOwnerId(team + "-b");
        Decision d = routing.route(lead, false);
        assertEquals(team + "-b", d.assignee().id());
        assertEquals("existing owner " + team + "-b (existing owner per CRM) is eligible", d.explanation().ownership());
    }

    @Test
    void aHoldPoolHoldsTheLeadWithARetryHintWhenNobodyIsEligible() {
        // routing.distribution.pools.dist-hold-team.when-nobody-eligible=HOLD (test profile)
        String team = "dist-hold-team";
        addRep("dist-hold-" + System.nanoTime(), team, e -> e.availability = Availability.AWAY);
        Decision d = route(team, null);
        assertNull(d.assignee());
        assertNull(d.queue());
        assertNotNull(d.hold());
        assertTrue(d.hold().retryAfter().isAfter(Instant.now()));
        assertTrue(d.explanation().outcome().startsWith("held: no eligible rep in team dist-hold-team"),
                d.explanation().outcome());
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> decisions.count("leadId", d.leadId())),
                "held, never dropped: the decision is logged");
        Decision logged = decisionLog.find(d.decisionId()).orElseThrow();
        assertEquals(d.hold().pool(), logged.hold().pool(), "the log keeps the hold, not only its outcome text");
        assertEquals(d.hold().reason(), logged.hold().reason());
        assertEquals(d.hold().retryAfter().toEpochMilli(), logged.hold().retryAfter().toEpochMilli());
    }

    @Test
    void aPoolWithItsOwnQueueQueuesThere() {
        // routing.distribution.pools.dist-queue-team.fallback-queue=Dist-Backlog (test profile)
        Decision d = route("dist-queue-team", null);
        assertEquals("Dist-Backlog", d.queue());
        assertTrue(d.explanation().outcome().contains("nobody on the roster is in team dist-queue-team"));
    }

    @Test
    @TestSecurity(user = "test-admin", roles = "admin")
    void aHolidayEditedThroughTheApiAppliesToTheNextLead() {
        // Routing caches holidays (HolidayCalendar): an edit must still apply to the very next lead, both ways.
        String team = team("holiday");
        String region = "XH";
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        addRep(team + "-a", team, e -> e.holidayRegion = region);
        assertEquals(team + "-a", routing.route(lead(team, null), true).assignee().id(), "warms the cache");
        given().queryParam("name", "Test day").when().put("/api/holidays/" + region + "/" + today)
                .then().statusCode(200);
        try {
            Decision during = routing.route(lead(team, null), true);
            assertNull(during.assignee());
            assertEquals("holiday in " + region + " on " + today,
                    during.explanation().candidates().get(0).excludedBecause());
        } finally {
            given().when().delete("/api/holidays/" + region + "/" + today).then().statusCode(204);
        }
        assertEquals(team + "-a", routing.route(lead(team, null), true).assignee().id(), "deleted: eligible again");
    }

    @Test
    @TestSecurity(user = "test-ops", roles = "ops")
    void poolsShowTheirFairnessStateAndPerRepCounts() {
        String team = team("api");
        addRep(team + "-a", team, e -> e.weight = 2);
        addRep(team + "-b", team, e -> { });
        for (int i = 0; i < 3; i++) {
            route(team, "WEIGHTED");
        }
        String body = given().when().get("/api/pools").then().statusCode(200)
                .body("pool", hasItem("team:" + team))
                .body("find { it.pool == 'team:" + team + "' }.turn", org.hamcrest.Matchers.equalTo(3))
                .body("find { it.pool == 'team:" + team + "' }.members.find { it.repId == '" + team + "-a' }.assignedToday",
                        org.hamcrest.Matchers.equalTo(2))
                .body("find { it.pool == 'team:" + team + "' }.members.find { it.repId == '" + team + "-b' }.assignedTotal",
                        org.hamcrest.Matchers.equalTo(1))
                .extract().asString();
        writeSample("pools.json", body);
    }

    /** Keeps an observed answer under target/ for the docs. */
    static void writeSample(String name, String content) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "distribution-sample-" + name), content);
        } catch (java.io.IOException e) {
            // only a sample for the docs
        }
    }
}
