package io.leadrouter.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.leadrouter.webhook.WebhookSigning.generic;
import static io.leadrouter.webhook.WebhookSigning.hubSpot;
import static io.leadrouter.webhook.WebhookSigning.sample;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded CRM payloads routed end to end, and every way a delivery is refused without writing anything. */
@QuarkusTest
@Tag("database")
@TestProfile(CrmStubProfile.class)
@TestSecurity(user = "test-ops", roles = "ops")
class WebhookResourcesTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void genericLeadIsMappedRoutedAndRetriesAnswerTheSameDecision() {
        String body = sample("generic-lead.json");
        String decisionId = generic(body, "gen-delivery-1").when().post("/webhooks/generic")
                .then().statusCode(200)
                .body("source", equalTo("generic"))
                .body("deliveryId", equalTo("gen-delivery-1"))
                .body("duplicate", equalTo(false))
                .body("decision.leadId", equalTo("gen-1001"))
                .body("decision.decisionId", notNullValue())
                .extract().path("decision.decisionId");
        String receiptId = generic(body, "gen-delivery-1").when().post("/webhooks/generic")
                .then().statusCode(200)
                .body("duplicate", equalTo(true))
                .body("decision.decisionId", equalTo(decisionId))
                .extract().path("receiptId");

        // The mapping: lead_id -> id, work_email -> email, headcount -> employees, a country name -> its code,
        // unmapped utm_campaign -> attributes.
        given().when().get("/api/decisions/" + decisionId).then().statusCode(200)
                .body("lead.id", equalTo("gen-1001"))
                .body("lead.email", equalTo("grace@example.com"))
                .body("lead.employees", equalTo(1200))
                .body("lead.country", equalTo("US"))
                .body("lead.attributes.utm_campaign", equalTo("spring-launch"));
        given().queryParam("leadId", "gen-1001").when().get("/api/decisions").then().body("totalItems", equalTo(1));
        given().when().get("/api/webhooks/deliveries/" + receiptId).then().statusCode(200)
                .body("source", equalTo("generic")).body("status", equalTo("ROUTED"))
                .body("decisionId", equalTo(decisionId))
                .body("pushback.target", equalTo("generic"));
    }

    @Test
    void hubSpotSubscriptionLooksTheContactUpAndIgnoresOtherEvents() {
        String body = sample("hubspot-subscription.json");
        String decisionId = hubSpot(body).when().post("/webhooks/hubspot")
                .then().statusCode(200)
                .body("deliveries", hasSize(1))
                .body("deliveries[0].deliveryId", equalTo("event:3816279340"))
                .body("deliveries[0].decision.leadId", equalTo("51"))
                .body("ignored", contains("3816279341"))
                .extract().path("deliveries[0].decision.decisionId");
        CrmStubServer.Call lookUp = CrmStubServer.callsTo("/crm/v3/objects/contacts/51").get(0);
        assertEquals("Bearer dev-hubspot-token", lookUp.authorization());

        given().when().get("/api/decisions/" + decisionId).then().statusCode(200)
                .body("lead.email", equalTo("ada@beispiel.de"))
                .body("lead.country", equalTo("DE"))
                .body("lead.employees", equalTo(250))
                .body("lead.annualRevenue", equalTo(25000000))
                .body("lead.source", equalTo("ORGANIC_SEARCH"))
                .body("lead.attributes.createdate", equalTo("2024-05-29T16:26:40.000Z"));
        // The example rules send a German mid-market lead to DACH Commercial; its rep becomes the HubSpot owner
        // (no owner-id mapping for that rep, so the rep id is written as is).
        String repId = given().when().get("/api/decisions/" + decisionId).then()
                .body("assignee.team", equalTo("DACH Commercial")).extract().path("assignee.id");
        await().atMost(Duration.ofSeconds(15)).until(() -> given().when()
                .get("/api/webhooks/decisions/" + decisionId + "/pushback").then().statusCode(200)
                .extract().<String>path("status"), equalTo("DELIVERED"));
        assertTrue(CrmStubServer.callsTo("/crm/v3/objects/contacts/51").stream()
                .anyMatch(c -> c.method().equals("PATCH") && c.body().contains("\"hubspot_owner_id\":\"" + repId + "\"")));

        // A retry (HubSpot re-signs it with a new timestamp) answers the stored decision without another look-up.
        int lookUps = CrmStubServer.callsTo("/crm/v3/objects/contacts/51").size();
        hubSpot(body).when().post("/webhooks/hubspot").then().statusCode(200)
                .body("deliveries[0].duplicate", equalTo(true))
                .body("deliveries[0].decision.decisionId", equalTo(decisionId));
        assertEquals(lookUps, CrmStubServer.callsTo("/crm/v3/objects/contacts/51").size());
    }

    @Test
    void hubSpotWorkflowPayloadCarriesItsProperties() {
        String body = sample("hubspot-workflow.json");
        String decisionId = hubSpot(body).when().post("/webhooks/hubspot")
                .then().statusCode(200)
                .body("deliveries[0].deliveryId", startsWith("workflow:"))
                .body("deliveries[0].decision.leadId", equalTo("52"))
                .extract().path("deliveries[0].decision.decisionId");
        given().when().get("/api/decisions/" + decisionId).then()
                .body("lead.email", equalTo("li.wei@example.cn"))
                .body("lead.country", equalTo("CN"))
                .body("lead.employees", equalTo(40))
                .body("lead.attributes.lifecyclestage", equalTo("lead"));
        hubSpot(body).when().post("/webhooks/hubspot").then().statusCode(200)
                .body("deliveries[0].duplicate", equalTo(true))
                .body("deliveries[0].decision.decisionId", equalTo(decisionId));
    }

    @Test
    void salesforceOutboundMessageIsAcknowledgedAfterEveryDecisionIsStored() {
        String body = sample("salesforce-outbound.xml");
        given().contentType("text/xml; charset=utf-8").body(body).when().post("/webhooks/salesforce")
                .then().statusCode(200).contentType(containsString("text/xml"))
                .body(containsString("<Ack>true</Ack>"))
                .body(containsString("notificationsResponse"));
        given().queryParam("leadId", "00Q5e00000SFLEAD1AAA").when().get("/api/decisions")
                .then().body("totalItems", equalTo(1))
                .body("items[0].lead.country", equalTo("US"))
                .body("items[0].lead.region", equalTo("CA"))
                .body("items[0].lead.employees", equalTo(2500))
                .body("items[0].lead.annualRevenue", equalTo(50000000))
                .body("items[0].lead.existingOwnerId", equalTo("00G5e000000QUEUEAAA"))
                .body("items[0].lead.attributes.Rating", equalTo("Hot"));
        given().queryParam("leadId", "00Q5e00000SFLEAD2AAA").when().get("/api/decisions")
                .then().body("totalItems", equalTo(1))
                .body("items[0].lead.country", equalTo("GB"));
        given().queryParam("source", "salesforce").queryParam("deliveryId", "00D5e000000TEST1AAA:04l5e00000SFTEST1AAA")
                .when().get("/api/webhooks/deliveries").then().statusCode(200).body("status", equalTo("ROUTED"));

        // Salesforce retries the whole message until it is acknowledged: nothing is routed twice.
        given().contentType("text/xml").body(body).when().post("/webhooks/salesforce")
                .then().statusCode(200).body(containsString("<Ack>true</Ack>"));
        given().queryParam("leadId", "00Q5e00000SFLEAD1AAA").when().get("/api/decisions")
                .then().body("totalItems", equalTo(1));
    }

    @Test
    void salesforceFromAnUnknownOrgIsRefusedWithASoapFault() {
        String body = sample("salesforce-outbound.xml").replace("00D5e000000TEST1AAA", "00D5e000000OTHERAAA")
                .replace("00Q5e00000SFLEAD", "00Q5e00000ORGXLEAD");
        given().contentType("text/xml").body(body).when().post("/webhooks/salesforce")
                .then().statusCode(403).contentType(containsString("text/xml"))
                .body(containsString("<faultcode>soapenv:Client</faultcode>"))
                .body(containsString("00D5e000000OTHERAAA"))
                .body(not(containsString("<Ack>")));
        assertEquals(0L, inboxRowsFor("00Q5e00000ORGXLEAD1AAA"));
    }

    @Test
    void salesforceMalformedXmlAndXxeAreRefusedWithoutLeakingDetails() {
        given().contentType("text/xml").body("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">")
                .when().post("/webhooks/salesforce")
                .then().statusCode(400).body(containsString("soapenv:Client")).body(not(containsString("at org.")));
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>&xxe;</soapenv:Body></soapenv:Envelope>""";
        given().contentType("text/xml").body(xxe).when().post("/webhooks/salesforce")
                .then().statusCode(400).body(containsString("DTD")).body(not(containsString("root:")));
    }

    @Test
    void badSignaturesAreRefusedWith401AndStoreNothing() {
        String body = "{\"id\":\"gen-unsigned\"}";
        given().contentType("application/json").body(body).header("X-Delivery-Id", "unsigned-1")
                .when().post("/webhooks/generic")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("X-Signature"));
        generic(body, "tampered-1").body("{\"id\":\"gen-unsigned\",\"x\":1}").when().post("/webhooks/generic")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("does not match"));
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);
        given().contentType("application/json").body(body).header("X-Delivery-Id", "stale-1")
                .header("X-Timestamp", stale)
                .header("X-Signature", "sha256=" + java.util.HexFormat.of().formatHex(
                        WebhookSigning.hmac(WebhookSigning.GENERIC_SECRET, stale + "." + body)))
                .when().post("/webhooks/generic")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("minutes away"));
        assertEquals(0L, inboxRowsFor("gen-unsigned"));

        String events = sample("hubspot-subscription.json");
        given().contentType("application/json").body(events)
                .header("X-HubSpot-Request-Timestamp", Long.toString(System.currentTimeMillis()))
                .header("X-HubSpot-Signature-v3", "bm90IHRoZSBzaWduYXR1cmU=").when().post("/webhooks/hubspot")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("does not match"));
        String oldMillis = Long.toString(System.currentTimeMillis() - 6 * 60_000);
        given().contentType("application/json").body(events).header("X-HubSpot-Request-Timestamp", oldMillis)
                .header("X-HubSpot-Signature-v3", java.util.Base64.getEncoder().encodeToString(WebhookSigning.hmac(
                        WebhookSigning.HUBSPOT_SECRET, "POST" + WebhookSigning.HUBSPOT_URL + events + oldMillis)))
                .when().post("/webhooks/hubspot")
                .then().statusCode(401).body("detail", containsString("minutes away"));
    }

    @Test
    void malformedPayloadsAre400AndOversizedBodies413() {
        generic("{\"id\": ", "malformed-1").when().post("/webhooks/generic")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("not valid JSON"));
        generic("[1,2]", "malformed-2").when().post("/webhooks/generic")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("JSON object"));
        generic("{\"work_email\":\"x@example.com\"}", "malformed-3").when().post("/webhooks/generic")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("id"));
        generic("{\"id\":\"gen-bad-number\",\"headcount\":\"lots\"}", "malformed-4").when().post("/webhooks/generic")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("employees"));
        generic("{\"id\":\"gen-no-delivery-id\"}", " ").when().post("/webhooks/generic")
                .then().statusCode(400).body("detail", containsString("X-Delivery-Id"));
        hubSpot("[{\"eventId\":1}]").when().post("/webhooks/hubspot")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("[0]"));
        hubSpot("\"text\"").when().post("/webhooks/hubspot").then().statusCode(400).contentType(PROBLEM);

        String huge = "{\"id\":\"gen-huge\",\"notes\":\"" + "x".repeat(1024 * 1024) + "\"}";
        generic(huge, "huge-1").when().post("/webhooks/generic")
                .then().statusCode(413).contentType(PROBLEM).body("detail", containsString("1048576"));
        assertEquals(0L, inboxRowsFor("gen-huge"));
        assertEquals(0L, inboxRowsFor("gen-bad-number"));
    }

    @Test
    @TestSecurity(user = "test-crm", roles = "crm")
    void statusEndpointsNeedOpsOrAdmin() {
        given().when().get("/api/webhooks/deliveries/" + java.util.UUID.randomUUID()).then().statusCode(403);
    }

    static long inboxRowsFor(String leadId) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookDeliveryEntity.count("leadId", leadId));
    }
}
