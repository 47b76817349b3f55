package io.leadrouter.webhook;

import io.leadrouter.lifecycle.LeadEventEntity;
import io.leadrouter.persistence.DecisionEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.leadrouter.webhook.WebhookSigning.hubSpot;
import static io.leadrouter.webhook.WebhookSigning.sample;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Recorded CRM payloads as lead lifecycle events: HubSpot contact.propertyChange subscriptions (hs_lead_status,
 * hubspot_owner_id, lifecyclestage) and Salesforce outbound messages on Lead update, with the same signature and org
 * checks as new leads; retries change nothing, refusals store nothing.
 */
@QuarkusTest
@Tag("database")
@TestProfile(CrmStubProfile.class)
@TestSecurity(user = "test-ops", roles = "ops")
class LifecycleWebhooksTest {

    static long events(String leadId) {
        return QuarkusTransaction.requiringNew().call(() -> LeadEventEntity.count("leadId", leadId));
    }

    static long decisions(String leadId) {
        return QuarkusTransaction.requiringNew().call(() -> DecisionEntity.count("leadId", leadId));
    }

    static Map<String, String> effectsByType(String leadId) {
        return QuarkusTransaction.requiringNew().call(() -> LeadEventEntity.ofLead(leadId).stream()
                .collect(Collectors.toMap(e -> e.type, e -> e.effect)));
    }

    @Test
    void hubSpotPropertyChangesBecomeLifecycleEventsOnce() {
        String decisionId = hubSpot(sample("hubspot-lifecycle-contact.json")).when().post("/webhooks/hubspot")
                .then().statusCode(200)
                .body("deliveries[0].decision.assignee.id", equalTo("hiro.tanaka"))
                .extract().path("deliveries[0].decision.decisionId");
        Instant assigned = Instant.parse(given().when().get("/api/decisions/" + decisionId).then().extract()
                .path("decidedAt"));
        String batch = sample("hubspot-property-changes.json")
                .replace("${T_OWNER}", Long.toString(assigned.plusSeconds(1).toEpochMilli()))
                .replace("${T_STATUS}", Long.toString(assigned.plusSeconds(60).toEpochMilli()))
                .replace("${T_STAGE}", Long.toString(assigned.plusSeconds(120).toEpochMilli()));

        // A wrong signature: refused before anything is read or stored.
        given().contentType("application/json").body(batch)
                .header("X-HubSpot-Request-Timestamp", Long.toString(System.currentTimeMillis()))
                .header("X-HubSpot-Signature-v3", "bm90IHRoZSBzaWduYXR1cmU=").when().post("/webhooks/hubspot")
                .then().statusCode(401).contentType("application/problem+json");
        assertEquals(0, events("61"));
        // A batch with an event dated in the future: 400, and none of the batch is stored.
        String future = batch.replace(Long.toString(assigned.plusSeconds(120).toEpochMilli()),
                Long.toString(Instant.now().plusSeconds(3600).toEpochMilli()));
        hubSpot(future).when().post("/webhooks/hubspot").then().statusCode(400)
                .body("errors[0].field", equalTo("[2].occurredAt"));
        assertEquals(0, events("61"));

        hubSpot(batch).when().post("/webhooks/hubspot").then().statusCode(200)
                .body("deliveries", hasSize(0))
                .body("ignored", contains("4123400004"))
                .body("events.type", contains("OWNER_CHANGED", "STATUS_CHANGED", "CONVERTED", "STATUS_CHANGED"))
                .body("events[0].effect", containsString("is the assignee hiro.tanaka (our push-back)"))
                .body("events[1].decisionId", equalTo(decisionId))
                .body("events[1].effect", containsString("first touch 1 min"))
                .body("events[2].effect", containsString("converted"))
                .body("events[3].leadId", equalTo("9061"))
                .body("events[3].effect", containsString("never routed here; nothing stored"));
        assertEquals(3, events("61"));
        assertEquals(0, events("9061"));
        assertEquals("STATUS_CHANGED", QuarkusTransaction.requiringNew().call(() ->
                LeadEventEntity.find(io.leadrouter.lifecycle.EventSource.HUBSPOT, "4123400002").orElseThrow().type));

        // HubSpot retries the batch: every event is a duplicate, nothing changes.
        hubSpot(batch).when().post("/webhooks/hubspot").then().statusCode(200)
                .body("events.duplicate", contains(true, true, true, false));
        assertEquals(3, events("61"));
        assertEquals(1, decisions("61"));
        given().when().get("/api/leads/61/history").then().statusCode(200)
                .body("timeline.kind", contains("ASSIGNED", "OWNER_CHANGED", "STATUS_CHANGED", "CONVERTED"));
    }

    @Test
    void salesforceLeadUpdatesOfRoutedLeadsBecomeLifecycleEventsAndNewLeadsAreStillRouted() {
        String created = sample("salesforce-outbound.xml").replace("SFTEST", "LCTEST").replace("SFLEAD", "LCLEAD");
        given().contentType("text/xml").body(created).when().post("/webhooks/salesforce").then().statusCode(200);
        assertEquals(1, decisions("00Q5e00000LCLEAD1AAA"));
        String assignee = given().queryParam("leadId", "00Q5e00000LCLEAD1AAA").when().get("/api/decisions").then()
                .extract().path("items[0].assignee.id");
        assertEquals("emily.chen", assignee);

        Instant now = Instant.now();
        String update = sample("salesforce-lead-update.xml").replace("${NOW}", now.toString())
                .replace("${TODAY}", now.atZone(ZoneOffset.UTC).toLocalDate().toString());
        // Another org: refused as for new leads, nothing stored.
        given().contentType("text/xml").body(update.replace("00D5e000000TEST1AAA", "00D5e000000OTHERAAA"))
                .when().post("/webhooks/salesforce").then().statusCode(403).body(containsString("soapenv:Client"));
        assertEquals(0, events("00Q5e00000LCLEAD1AAA"));

        given().contentType("text/xml").body(update).when().post("/webhooks/salesforce").then().statusCode(200)
                .body(containsString("<Ack>true</Ack>"));
        // The routed lead was updated, not routed again; the other notification is a lead never seen: routed.
        assertEquals(1, decisions("00Q5e00000LCLEAD1AAA"));
        assertEquals(3, events("00Q5e00000LCLEAD1AAA"));
        Map<String, String> effects = effectsByType("00Q5e00000LCLEAD1AAA");
        assertEquals(List.of("CONVERTED", "OWNER_CHANGED", "STATUS_CHANGED"), effects.keySet().stream().sorted().toList());
        org.hamcrest.MatcherAssert.assertThat(effects.get("OWNER_CHANGED"), containsString("is the assignee emily.chen"));
        org.hamcrest.MatcherAssert.assertThat(effects.get("CONVERTED"), containsString("converted"));
        assertEquals(1, decisions("00Q5e00000LCNEW9AAA"));
        assertEquals(0, events("00Q5e00000LCNEW9AAA"));

        // Salesforce re-sends until acknowledged: the same events, no new ones, nothing routed twice.
        given().contentType("text/xml").body(update).when().post("/webhooks/salesforce").then().statusCode(200)
                .body(containsString("<Ack>true</Ack>"));
        assertEquals(3, events("00Q5e00000LCLEAD1AAA"));
        assertEquals(1, decisions("00Q5e00000LCLEAD1AAA"));
        assertEquals(1, decisions("00Q5e00000LCNEW9AAA"));
    }
}
