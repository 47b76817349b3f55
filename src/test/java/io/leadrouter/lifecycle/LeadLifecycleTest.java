package io.leadrouter.lifecycle;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Tier;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.HolidayEntity;
import io.leadrouter.persistence.PoolMemberEntity;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRows;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.decision.Candidate;
import io.leadrouter.decision.Decision;
import io.leadrouter.routing.RoutingService;
import io.leadrouter.decision.Sla;
import io.leadrouter.webhook.CrmStubProfile;
import io.leadrouter.webhook.CrmStubServer;
import io.leadrouter.webhook.PushbackEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead lifecycle against the database: SLA breaches re-route (excluding previous assignees) and push back once,
 * concurrent claimers never fire a timer twice, events are idempotent and order-independent, bad events are refused
 * without writing, performance figures reach the rules. Every test routes into teams it creates, through the test
 * rules below, restored afterwards. DB-agnostic: runs on H2 and PostgreSQL.
 */
@QuarkusTest
@Tag("database")
@TestProfile(CrmStubProfile.class)
class LeadLifecycleTest {

    static final String DRL = """
            package lctest;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "LC-TEST route to the pool named by the lead, with the lead's SLA"
                salience 1000000
                activation-group "assignment"
            when
                $lead : Lead(attributes["pool"] != null) @watch(!*)
            then
                routing.assignToTeam((String) $lead.attribute("pool"), "ROUND_ROBIN");
                if ($lead.attribute("sla") != null) {
                    routing.sla((String) $lead.attribute("sla"));
                }
            end

            // The worked example of rules/README.md: URGENT leads go to the top-converting available rep of the team
            // (among reps with at least 2 leads in 90 days who touch their leads within 30 minutes, median).
            rule "PERF-010 URGENT leads go to the top-converting available rep of the team"
                salience 1000001
                activation-group "assignment"
            when
                $lead : Lead(priority == Priority.URGENT, $team : attributes["team"] != null) @watch(!*)
                $best : Rep(team == $team, eligible, assignedLeads90d >= 2, medianFirstTouch7d != null,
                            medianFirstTouch7d < java.time.Duration.ofMinutes(30), $rate : conversionRate90d)
                not Rep(team == $team, eligible, assignedLeads90d >= 2, conversionRate90d > $rate)
            then
                routing.assignTo($best);
            end

            rule "PERF-020 the team's other leads by round robin"
                salience 1000000
                activation-group "assignment"
            when
                $lead : Lead($team : attributes["team"] != null) @watch(!*)
            then
                routing.assignToTeam((String) $lead.attribute("team"), "ROUND_ROBIN");
            end
            """;
    static final String GENERIC_SECRET = "dev-generic-secret";
    static final String PROBLEM = "application/problem+json";
    static final AtomicInteger LEADS = new AtomicInteger();

    @Inject
    RuleEngine engine;
    @Inject
    RoutingService routing;
    @Inject
    RepRepository reps;
    @Inject
    SlaBreachService breaches;
    @Inject
    SlaPolicy policy;
    @Inject
    PerformanceFacts facts;

    /** This class's rules, served for all of its tests; the previous rule set is put back after the last one. */
    static ServedRules served;

    @BeforeAll
    static void useTestRules() {
        served = ServedRules.serve(new RuleSourceSet(List.of(
                new RuleSource("rules/lc-test.drl", DRL.getBytes(StandardCharsets.UTF_8)))), LeadLifecycleTest.class.getSimpleName());
    }

    @AfterAll
    static void restoreRules() {
        served.restore();
    }

    static String team(String name) {
        return "lc-" + name + "-" + System.nanoTime();
    }

    void addRep(String id, String team) {
        RepRows.add(id, team);
    }

    static Lead lead(String attribute, String team, String sla) {
        Lead lead = new Lead();
        lead.setId("lc-lead-" + LEADS.incrementAndGet() + "-" + System.nanoTime());
        Map<String, Object> attributes = new HashMap<>(Map.of(attribute, team));
        if (sla != null) {
            attributes.put("sla", sla);
        }
        lead.setAttributes(attributes);
        return lead;
    }

    static SlaTimerEntity timerOf(UUID decisionId) {
        return QuarkusTransaction.requiringNew().call(() -> SlaTimerEntity.forDecision(decisionId));
    }

    static int openLeads(String repId) {
        return QuarkusTransaction.requiringNew().call(() -> RepEntity.<RepEntity>findById(repId).openLeads);
    }

    static long poolTotal(String team, String repId) {
        return QuarkusTransaction.requiringNew().call(() -> PoolMemberEntity.<PoolMemberEntity>find(
                "poolKey = ?1 and repId = ?2", "team:" + team.toLowerCase(), repId).firstResultOptional()
                .map(m -> m.assignedTotal).orElse(0L));
    }

    static RequestSpecification generic(String body, String deliveryId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(GENERIC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return given().contentType("application/json").body(body).header("X-Timestamp", timestamp)
                    .header("X-Signature", "sha256=" + signature).header("X-Delivery-Id", deliveryId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestSpecification asCrm() {
        return given().auth().preemptive().basic("crm", "dev-crm").contentType("application/json");
    }

    static RequestSpecification asOps() {
        return given().auth().preemptive().basic("ops", "dev-ops");
    }

    static String event(String eventId, String type, Instant occurredAt, String more) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + occurredAt + "\""
                + (more == null ? "" : "," + more) + "}";
    }

    static long storedEvents(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> LeadEventEntity.count("eventId", eventId));
    }

    @Test
    void anUntouchedLeadIsReroutedExcludingEveryPreviousAssigneeAndPushedBackOnce() {
        String team = team("breach");
        addRep(team + "-a", team);
        addRep(team + "-b", team);
        addRep(team + "-c", team);
        String leadId = "lc-breach-" + System.nanoTime();
        String body = "{\"lead_id\":\"" + leadId + "\",\"pool\":\"" + team + "\",\"sla\":\"PT15M\"}";
        String first = generic(body, "lc-delivery-" + leadId).when().post("/webhooks/generic").then().statusCode(200)
                .body("decision.assignee.id", equalTo(team + "-a"))
                .body("decision.sla.duration", equalTo("PT15M"))
                .body("decision.sla.setBy", startsWith("rule LC-TEST"))
                .body("decision.sla.basis", equalTo("working hours of " + team + "-a (UTC)"))
                .extract().path("decision.decisionId");
        UUID firstId = UUID.fromString(first);
        SlaTimerEntity timer = timerOf(firstId);
        assertEquals(SlaTimerEntity.RUNNING, timer.status);
        assertEquals(Duration.ofMinutes(15), Duration.between(timer.startedAt, timer.dueAt));
        assertEquals(1, openLeads(team + "-a"));
        assertEquals(1L, poolTotal(team, team + "-a"));

        // Not due yet: nothing happens.
        assertNull(breaches.fire(timer.id, Instant.now(), "test"));

        Decision second = breaches.fire(timer.id, timer.dueAt.plusSeconds(1), "test-instance-1");
        assertNotNull(second);
        assertEquals(team + "-b", second.assignee().id());
        assertEquals(firstId, second.reassignment().previousDecisionId());
        assertEquals("SLA breached after 15 min", second.reassignment().reason());
        assertEquals(List.of(team + "-a"), second.reassignment().excludedReps());
        assertEquals(1, second.reassignment().breach());
        assertTrue(second.explanation().outcome().startsWith("SLA breached after 15 min: reassigned to " + team + "-b"),
                second.explanation().outcome());
        Candidate a = second.explanation().candidates().stream().filter(c -> c.repId().equals(team + "-a"))
                .findFirst().orElseThrow();
        assertEquals("previous assignee of this lead", a.excludedBecause());
        assertEquals(Duration.ofMinutes(15), second.sla().duration());
        // The breach counts for the new rep, and the late rep is credited back.
        assertEquals(0, openLeads(team + "-a"));
        assertEquals(0L, poolTotal(team, team + "-a"));
        assertEquals(1, openLeads(team + "-b"));
        assertEquals(1L, poolTotal(team, team + "-b"));
        SlaTimerEntity fired = timerOf(firstId);
        assertEquals(SlaTimerEntity.BREACHED, fired.status);
        assertEquals("test-instance-1", fired.firedBy);
        assertEquals(second.decisionId(), fired.nextDecisionId);

        // Fired once: another claim of the same timer finds it breached.
        assertNull(breaches.fire(timer.id, timer.dueAt.plusSeconds(60), "test-instance-2"));

        // Pushed back to the CRM once, through the outbox, with the new owner.
        List<PushbackEntity> pushbacks = QuarkusTransaction.requiringNew().call(() ->
                PushbackEntity.<PushbackEntity>list("decisionId", second.decisionId()));
        assertEquals(1, pushbacks.size());
        assertEquals(team + "-b", pushbacks.get(0).ownerId);
        assertEquals("generic", pushbacks.get(0).target);
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                PushbackEntity.<PushbackEntity>findById(pushbacks.get(0).id).status), equalTo("DELIVERED"));

        // Second breach: the third rep; third breach (routing.sla.max-breaches=3): escalated.
        SlaTimerEntity secondTimer = timerOf(second.decisionId());
        assertEquals(1, secondTimer.breachesBefore);
        Decision third = breaches.fire(secondTimer.id, secondTimer.dueAt.plusSeconds(1), "test-instance-1");
        assertEquals(team + "-c", third.assignee().id());
        assertEquals(Set.of(team + "-a", team + "-b"), Set.copyOf(third.reassignment().excludedReps()));
        SlaTimerEntity thirdTimer = timerOf(third.decisionId());
        Decision fourth = breaches.fire(thirdTimer.id, thirdTimer.dueAt.plusSeconds(1), "test-instance-1");
        assertNull(fourth.assignee());
        assertEquals("SLA escalations", fourth.queue());
        assertEquals(3, fourth.reassignment().breach());
        assertNull(timerOf(fourth.decisionId()));

        given().auth().preemptive().basic("ops", "dev-ops").when().get("/api/decisions/" + second.decisionId())
                .then().statusCode(200)
                .body("reassignment.previousDecisionId", equalTo(first))
                .body("reassignment.reason", equalTo("SLA breached after 15 min"))
                .body("sla.dueAt", notNullValue());
        List<String> kinds = asOps().when().get("/api/leads/" + leadId + "/history").then().statusCode(200)
                .body("slaStatus", org.hamcrest.Matchers.nullValue())
                .body("queue", equalTo("SLA escalations"))
                .extract().path("timeline.kind");
        assertEquals(List.of("ASSIGNED", "SLA_BREACHED", "REASSIGNED", "SLA_BREACHED", "REASSIGNED", "SLA_BREACHED",
                "ESCALATED"), kinds);

        facts.refresh();
        Map<String, PerformanceFigures> figures = facts.figures("rep", 1).stream()
                .collect(Collectors.toMap(PerformanceFigures::subject, f -> f));
        assertEquals(1, figures.get(team + "-a").slaBreaches());
        assertEquals(1, figures.get(team + "-a").assigned());
        assertEquals(1, figures.get(team + "-c").slaBreaches());
    }

    @Test
    void twoClaimersNeverFireOneTimerTwice() throws Exception {
        String team = team("claim");
        for (String r : List.of("a", "b", "c", "d")) {
            addRep(team + "-" + r, team);
        }
        List<UUID> timers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Decision d = routing.route(lead("pool", team, "PT15M"), false);
            timers.add(timerOf(d.decisionId()).id);
        }
        Instant later = Instant.now().plus(Duration.ofMinutes(20));
        CountDownLatch start = new CountDownLatch(1);
        Map<String, List<UUID>> firedBy = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (String instance : List.of("claimer-a", "claimer-b")) {
                List<UUID> order = new ArrayList<>(timers);
                if (instance.equals("claimer-b")) {
                    Collections.reverse(order);
                }
                claimers.add(threads.submit(() -> {
                    start.await();
                    for (UUID id : order) {
                        Decision next = breaches.fire(id, later, instance);
                        if (next != null) {
                            firedBy.computeIfAbsent(instance, k -> Collections.synchronizedList(new ArrayList<>())).add(id);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
        } finally {
            threads.shutdown();
        }
        List<UUID> all = firedBy.values().stream().flatMap(List::stream).toList();
        assertEquals(timers.size(), all.size(), firedBy.toString());
        assertEquals(Set.copyOf(timers), Set.copyOf(all));
        for (UUID id : timers) {
            SlaTimerEntity t = QuarkusTransaction.requiringNew().call(() -> SlaTimerEntity.<SlaTimerEntity>findById(id));
            assertEquals(SlaTimerEntity.BREACHED, t.status);
            long decisions = QuarkusTransaction.requiringNew().call(() ->
                    io.leadrouter.persistence.DecisionEntity.count("leadId", t.leadId));
            assertEquals(2, decisions, "lead " + t.leadId + " was re-routed once");
            assertTrue(firedBy.getOrDefault(t.firedBy, List.of()).contains(id), t.firedBy);
        }
    }

    @Test
    void eventsAreIdempotentAndTheirOrderDoesNotMatter() {
        String team = team("events");
        addRep(team + "-a", team);
        Decision d = routing.route(lead("pool", team, "PT15M"), false);
        String leadId = d.leadId();
        // Offsets from the exact assignment time: a touch 1 min later is then 60 s (rounded), in the first bucket.
        // (A whole second after it made the touch 60.x s, which rounded to 61 s half the time: bucket 2, median 1m30s.)
        Instant t0 = d.decidedAt();
        String prefix = "lc-ev-" + System.nanoTime();

        // The conversion arrives before the first touch it followed.
        asCrm().body(event(prefix + "-won", "CONVERTED", t0.plus(Duration.ofMinutes(4)), "\"amount\":5000.50"))
                .when().post("/api/leads/" + leadId + "/events").then().statusCode(201)
                .body("duplicate", equalTo(false))
                .body("decisionId", equalTo(d.decisionId().toString()))
                .body("repId", equalTo(team + "-a"))
                .body("effect", containsString("first touch 4 min"))
                .body("effect", containsString("converted, won 5000.50"))
                .body("effect", containsString("stopped the SLA clock 11 min before due"));
        assertEquals(SlaTimerEntity.STOPPED, timerOf(d.decisionId()).status);
        asCrm().body(event(prefix + "-new", "STATUS_CHANGED", t0.plusSeconds(30), "\"status\":\"New\""))
                .when().post("/api/leads/" + leadId + "/events").then().statusCode(201)
                .body("effect", containsString("not a touch"));
        String touch = event(prefix + "-touch", "FIRST_TOUCH", t0.plus(Duration.ofMinutes(1)), "\"actor\":\"user:7\"");
        String effect = asCrm().body(touch).when().post("/api/leads/" + leadId + "/events").then().statusCode(201)
                .body("effect", containsString("earlier first touch 1 min"))
                .extract().path("effect");
        // A retry answers the stored receipt and changes nothing.
        asCrm().body(touch).when().post("/api/leads/" + leadId + "/events").then().statusCode(200)
                .body("duplicate", equalTo(true))
                .body("effect", equalTo(effect));
        asCrm().body(event(prefix + "-won", "CONVERTED", t0.plus(Duration.ofMinutes(4)), "\"amount\":5000.5"))
                .when().post("/api/leads/" + leadId + "/events").then().statusCode(200).body("duplicate", equalTo(true));
        // The same id for another event is a conflict.
        asCrm().body(event(prefix + "-touch", "FIRST_TOUCH", t0.plus(Duration.ofMinutes(2)), null))
                .when().post("/api/leads/" + leadId + "/events").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("different content"));
        assertEquals(1, storedEvents(prefix + "-touch"));

        List<PerformanceFigures> reps = facts.figures("rep", 1);
        PerformanceFigures a = reps.stream().filter(f -> f.subject().equals(team + "-a")).findFirst().orElseThrow();
        assertEquals(1, a.assigned());
        assertEquals(1, a.touched());
        assertEquals(1, a.converted());
        assertEquals(0, new BigDecimal("5000.50").compareTo(a.wonAmount()));
        assertEquals(1.0, a.conversionRate());
        assertEquals(0, a.slaBreaches());
        // One touch after exactly 1 minute: in the first bucket (up to 1 min).
        assertTrue(a.medianFirstTouch().compareTo(Duration.ofMinutes(1)) <= 0, a.toString());
        asOps().queryParam("days", 7).when().get("/api/analytics/performance/rules").then().statusCode(200)
                .body("subject", hasItem("LC-TEST"));
        asOps().when().get("/api/leads/" + leadId + "/history").then().statusCode(200)
                .body("slaStatus", equalTo("STOPPED"))
                .body("timeline.kind", equalTo(List.of("ASSIGNED", "STATUS_CHANGED", "FIRST_TOUCH", "CONVERTED",
                        "SLA_STOPPED")));
    }

    @Test
    void badEventsAreRefusedAndNothingIsWritten() {
        String team = team("bad");
        addRep(team + "-a", team);
        Decision d = routing.route(lead("pool", team, null), false);
        String prefix = "lc-bad-" + System.nanoTime();
        Instant now = Instant.now();

        asCrm().body(event(prefix + "-1", "FIRST_TOUCH", now, null))
                .when().post("/api/leads/lc-never-routed-" + prefix + "/events").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://lead-router.dev/problems/lead-not-routed"))
                .body("detail", containsString("never been routed"));
        asCrm().body(event(prefix + "-2", "CALLED", now, null))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("FIRST_TOUCH, STATUS_CHANGED, QUALIFIED, DISQUALIFIED, CONVERTED, OWNER_CHANGED"));
        asCrm().body(event(prefix + "-3", "FIRST_TOUCH", now.plus(Duration.ofHours(1)), null))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("occurredAt"))
                .body("errors[0].message", containsString("in the future"));
        asCrm().body("{\"type\":\"FIRST_TOUCH\"}")
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("eventId", "occurredAt")));
        asCrm().body(event(prefix + "-4", "FIRST_TOUCH", now, "\"amount\":10"))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400)
                .body("errors[0].field", equalTo("amount"));
        asCrm().body(event(prefix + "-5", "STATUS_CHANGED", now, null))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        asCrm().body(event(prefix + "-6", "FIRST_TOUCH", now, "\"colour\":\"red\""))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        asCrm().body("{\"eventId\": ").when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(400)
                .contentType(PROBLEM);
        asOps().contentType("application/json").body(event(prefix + "-7", "FIRST_TOUCH", now, null))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(403).contentType(PROBLEM);
        given().contentType("application/json").body(event(prefix + "-8", "FIRST_TOUCH", now, null))
                .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(401).contentType(PROBLEM);
        for (int i = 1; i <= 8; i++) {
            assertEquals(0, storedEvents(prefix + "-" + i), "event " + i);
        }
        asOps().when().get("/api/leads/lc-never-routed-" + prefix + "/history").then().statusCode(404).contentType(PROBLEM);
        asOps().queryParam("days", 0).when().get("/api/analytics/performance/reps").then().statusCode(400)
                .body("errors[0].field", equalTo("days"));
    }

    @Test
    void urgentLeadsGoToTheTopConvertingAvailableRepOfTheTeam() {
        String team = team("perf");
        List<String> ids = List.of(team + "-x", team + "-y", team + "-z");
        ids.forEach(id -> addRep(id, team));
        Map<String, List<Decision>> byRep = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            Decision d = routing.route(lead("team", team, null), false);
            byRep.computeIfAbsent(d.assignee().id(), k -> new ArrayList<>()).add(d);
        }
        ids.forEach(id -> assertEquals(2, byRep.get(id).size(), byRep.keySet().toString()));
        // y converts both leads, x one, z none; every lead is touched within a few minutes.
        Map<String, Integer> conversions = Map.of(team + "-x", 1, team + "-y", 2, team + "-z", 0);
        byRep.forEach((rep, decisions) -> {
            for (int i = 0; i < decisions.size(); i++) {
                Decision d = decisions.get(i);
                Instant t = d.decidedAt();
                asCrm().body(event("perf-touch-" + d.decisionId(), "FIRST_TOUCH", t.plusSeconds(90), null))
                        .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(201);
                if (i < conversions.get(rep)) {
                    asCrm().body(event("perf-won-" + d.decisionId(), "CONVERTED", t.plusSeconds(120), "\"amount\":1000"))
                            .when().post("/api/leads/" + d.leadId() + "/events").then().statusCode(201);
                }
            }
        });
        facts.refresh();

        List<Rep> roster = reps.roster().stream().filter(r -> team.equals(r.getTeam())).toList();
        facts.apply(roster);
        Rep y = roster.stream().filter(r -> r.getId().equals(team + "-y")).findFirst().orElseThrow();
        assertEquals(2, y.getAssignedLeads90d());
        assertEquals(2, y.getConvertedLeads90d());
        assertEquals(1.0, y.getConversionRate90d());
        assertEquals(2000, y.getWonAmount90d());
        assertTrue(y.getMedianFirstTouch7d().compareTo(Duration.ofMinutes(2)) <= 0, String.valueOf(y.getMedianFirstTouch7d()));

        Lead urgent = lead("team", team, null);
        urgent.setPriority(Priority.URGENT);
        Decision decision = routing.route(urgent, false);
        assertEquals(team + "-y", decision.assignee().id());
        assertEquals("PERF-010 URGENT leads go to the top-converting available rep of the team",
                decision.explanation().decidedBy());

        // The best converter is away: the next best who is available.
        QuarkusTransaction.requiringNew().run(() -> RepEntity.<RepEntity>findById(team + "-y").availability = Availability.AWAY);
        Lead another = lead("team", team, null);
        another.setPriority(Priority.URGENT);
        assertEquals(team + "-x", routing.route(another, false).assignee().id());
        // Not URGENT: round robin as before.
        assertEquals("PERF-020 the team's other leads by round robin",
                routing.route(lead("team", team, null), false).explanation().decidedBy());
    }

    @Test
    void configuredSlasByPoolAndPriorityAndARulesOwnWins() {
        RoutingTarget configured = new RoutingTarget(RoutingTarget.Kind.TEAM, "LC-Config-Team");
        RoutingTarget other = new RoutingTarget(RoutingTarget.Kind.TEAM, "Some other team");
        SlaPolicy.Chosen urgent = policy.choose(configured, Priority.URGENT, null, null);
        assertEquals(Duration.ofMinutes(10), urgent.duration());
        assertEquals("routing.sla.pools.\"lc-config-team\".priorities.URGENT", urgent.setBy());
        assertEquals(Duration.ofHours(2), policy.choose(configured, Priority.NORMAL, null, null).duration());
        assertEquals(Duration.ofHours(8), policy.choose(other, Priority.LOW, null, null).duration());
        assertNull(policy.choose(other, Priority.NORMAL, null, null));
        SlaPolicy.Chosen rule = policy.choose(configured, Priority.URGENT, Duration.ofMinutes(5), "X-1 fast");
        assertEquals(Duration.ofMinutes(5), rule.duration());
        assertEquals("rule X-1 fast", rule.setBy());
    }

    @Test
    void theDueTimeCountsTheAssigneesWorkingHoursAndHolidaysFromTheDatabase() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String day : List.of("2031-12-25", "2031-12-26")) {
                HolidayEntity h = new HolidayEntity();
                h.region = "LC-DE";
                h.day = LocalDate.parse(day);
                h.name = "Christmas";
                h.persist();
            }
        });
        Rep rep = new Rep();
        rep.setId("lc-hours");
        rep.setTimeZone("Europe/Berlin");
        rep.setHolidayRegion("LC-DE");
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(18, 0))));
        }
        rep.setWorkingHours(hours);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Wednesday 24 December 2031, 17:55; Thursday and Friday are holidays; then the weekend.
        Instant assigned = ZonedDateTime.of(2031, 12, 24, 17, 55, 0, 0, berlin).toInstant();
        Sla sla = policy.sla(rep, new SlaPolicy.Chosen(Duration.ofMinutes(15), "test"), assigned);
        assertEquals(ZonedDateTime.of(2031, 12, 29, 9, 10, 0, 0, berlin).toInstant(), sla.dueAt());
        assertEquals("working hours of lc-hours (Europe/Berlin, holidays LC-DE)", sla.basis());
    }
}
